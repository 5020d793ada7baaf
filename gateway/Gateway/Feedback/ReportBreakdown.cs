using System.Globalization;
using System.Text.Json.Serialization;
using Gateway.Conversations.Ports;
using Gateway.OpenApi;
using Gateway.Profiles;
using Gateway.Profiles.Breakdowns;
using Gateway.Profiles.Participation;

namespace Gateway.Feedback;

/// <summary>
/// The desk's reports by the reporters' profile (<c>GET /api/feedback/stats?by=gender&amp;month=2026-03</c>): one
/// commune's real reports of one whole month, read from the participation counter's <c>report</c> fields
/// (docs/profile-counters.md) and suppressed exactly as the participation page suppresses that month (the same cube, the
/// same tables), so that no combination of the two routes isolates a cell. Whole months and one commune only: finer
/// windows, or sums over communes, could be subtracted from each other to single someone out.
/// </summary>
/// <param name="Reports">The month's reports (all channels; the grand total, never hidden).</param>
public sealed record ReportBreakdown(string Commune, string Month, IReadOnlyList<string> By, int Threshold, long Reports, IReadOnlyList<ReportBreakdownRow> Rows)
{
    public static IReadOnlyList<QueryParameter> Parameters =>
    [
        BreakdownBy.Parameter("the reports of one commune and month (by the reporters' current profile)"),
        new("month", "With `by`: the whole month, `yyyy-MM` (Morocco time; default: this month)."),
    ];

    /// <summary>The month asked (this month by default), or null when it is not a whole month.</summary>
    public static string? MonthAsked(string? month, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(month) ? ProfileCounters.MonthOf(now)
        : DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : null;

    public static async Task<ReportBreakdown> ReadAsync(string commune, string month, IReadOnlyList<string> by, ICounterStore counters, ProfilesOptions options,
        IReadOnlyList<string> places, CancellationToken cancellationToken)
    {
        var fields = await counters.ReadAsync(ProfileCounters.Participation(commune, month), cancellationToken);
        var year = int.Parse(month.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var rows = ParticipationReader.Rows(fields, by, options.Bands(), options.SuppressionThreshold, year, places)
            .Where(r => r.Kind == ProfileCounters.Report && r.Channel == ParticipationRow.AllChannels).ToList();
        var total = rows.First(r => r.Gender is null && r.Age is null && r.Place is null).Count ?? 0;
        return new ReportBreakdown(commune, month, by, options.SuppressionThreshold, total,
            [.. rows.Where(r => r.Gender is not null || r.Age is not null || r.Place is not null)
                .Select(r => new ReportBreakdownRow(r.Gender, r.Age, r.Place, r.Count, r.Suppressed))]);
    }
}

/// <summary><c>{"gender": "woman", "reports": 12}</c>; a hidden cell answers <c>"reports": null, "suppressed": true</c>.</summary>
public sealed record ReportBreakdownRow(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Gender,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Age,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Place,
    long? Reports,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Suppressed);
