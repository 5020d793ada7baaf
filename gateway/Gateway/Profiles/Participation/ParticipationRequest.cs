using System.Globalization;
using Gateway.OpenApi;
using Gateway.Profiles.Breakdowns;

namespace Gateway.Profiles.Participation;

/// <summary>The months (<c>from</c>, <c>to</c>: <c>yyyy-MM</c>, both included, at most <see cref="MaxMonths"/>) and the <c>by</c> asked.</summary>
public sealed record ParticipationRequest(IReadOnlyList<string> Months, IReadOnlyList<string> By)
{
    public const int MaxMonths = 24;

    public static readonly IReadOnlyList<QueryParameter> Parameters =
    [
        new("from", "First month, `yyyy-MM` (Morocco time; default: this month). Whole months only."),
        new("to", $"Last month, `yyyy-MM`, included (default: `from`); at most {MaxMonths} months."),
        BreakdownBy.Parameter("each month's participation"),
    ];

    public static (ParticipationRequest? Request, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? Month(string name)
        {
            var values = query[name];
            if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0])) return null;
            if (values.Count == 1 && DateOnly.TryParseExact(values[0], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return month;
            errors[name] = [$"'{name}' is a whole month written yyyy-MM, such as 2026-03: finer windows could be subtracted to single someone out."];
            return null;
        }
        var thisMonth = DateOnly.ParseExact(ProfileCounters.MonthOf(now), "yyyy-MM", CultureInfo.InvariantCulture);
        var from = Month("from") ?? thisMonth;
        var to = Month("to") ?? from;
        var (by, byError) = BreakdownBy.Parse(query["by"]);
        if (byError is not null) errors["by"] = [byError];
        if (errors.Count > 0) return (null, errors);
        if (to < from) errors["to"] = ["'to' comes before 'from'."];
        else if ((to.Year - from.Year) * 12 + to.Month - from.Month + 1 > MaxMonths) errors["to"] = [$"At most {MaxMonths} months at once."];
        if (errors.Count > 0) return (null, errors);
        var months = new List<string>();
        for (var m = from; m <= to; m = m.AddMonths(1)) months.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        return (new ParticipationRequest(months, by), errors);
    }
}
