using System.Globalization;
using Gateway.Components.Console;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Gateway.Profiles.Breakdowns;
using Gateway.Profiles.Census;
using Gateway.Profiles.Participation;
using Gateway.Profiles.Places;
using Microsoft.Extensions.Options;

namespace Gateway.Components.Pages.Participation;

/// <summary><c>GET /console/{commune}/participation.csv?month=yyyy-MM</c>: the page's figures, in the clerk's language.</summary>
public static class ParticipationExport
{
    public static async Task<IResult> CsvAsync(HttpRequest request, ConsoleContext ctx, ICounterStore counters, IOptions<ProfilesOptions> profiles,
        PlaceDirectory places, ICensusStore census, TimeProvider clock, CancellationToken cancellationToken)
    {
        var asked = request.Query["month"].ToString();
        var month = MonthOrNull(asked);
        if (month is null && asked.Length > 0) return TypedResults.BadRequest();
        var commune = ctx.Commune!.Id;
        var tables = await ParticipationTables.ReadAsync(commune, month ?? ProfileCounters.MonthOf(clock.GetUtcNow()), counters,
            profiles.Value, await places.RowsAsync(commune, cancellationToken), cancellationToken, await census.GetAsync(commune, cancellationToken));
        // A place reads by its name in the clerk's language, as on the page (the API's export keeps the ids).
        var clerk = ConsoleCsvWords.For(ctx);
        var words = clerk with
        {
            Value = (column, code) => column == BreakdownBy.Place && places.Find(commune, code) is { } place ? ctx.Pick(place.Names) : clerk.Value(column, code),
        };
        return TypedResults.File(ParticipationCsv.Write(tables, words), ParticipationCsv.ContentType,
            $"participation-{ctx.Commune.Id}-{tables.Month}.csv");
    }

    /// <summary>The month asked when it is a whole month (<c>yyyy-MM</c>, as an &lt;input type="month"&gt; sends it); null otherwise.</summary>
    public static string? MonthOrNull(string? asked) =>
        DateOnly.TryParseExact(asked, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null;
}
