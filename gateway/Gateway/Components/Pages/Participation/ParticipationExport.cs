using System.Globalization;
using Gateway.Components.Console;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Gateway.Profiles.Participation;
using Microsoft.Extensions.Options;

namespace Gateway.Components.Pages.Participation;

/// <summary><c>GET /console/{commune}/participation.csv?month=yyyy-MM</c>: the page's figures, in the clerk's language.</summary>
public static class ParticipationExport
{
    public static async Task<IResult> CsvAsync(HttpRequest request, ConsoleContext ctx, ICounterStore counters, IOptions<ProfilesOptions> profiles,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var asked = request.Query["month"].ToString();
        var month = MonthOrNull(asked);
        if (month is null && asked.Length > 0) return TypedResults.BadRequest();
        var tables = await ParticipationTables.ReadAsync(ctx.Commune!.Id, month ?? ProfileCounters.MonthOf(clock.GetUtcNow()), counters,
            profiles.Value, cancellationToken);
        return TypedResults.File(ParticipationCsv.Write(tables, ConsoleCsvWords.For(ctx)), ParticipationCsv.ContentType,
            $"participation-{ctx.Commune.Id}-{tables.Month}.csv");
    }

    /// <summary>The month asked when it is a whole month (<c>yyyy-MM</c>, as an &lt;input type="month"&gt; sends it); null otherwise.</summary>
    public static string? MonthOrNull(string? asked) =>
        DateOnly.TryParseExact(asked, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null;
}
