using System.Text.Json.Serialization;
using Gateway.Profiles;
using Gateway.Profiles.Breakdowns;

namespace Gateway.Alerts;

/// <summary>
/// An alert's reach by profile (<c>GET /api/alerts/{id}?by=age</c>): the messages accepted by a provider, per cell of the
/// recipient's profile at send time, with small cells hidden as in poll results.
/// </summary>
/// <param name="Sent">Every message accepted by a provider (the grand total, never hidden).</param>
public sealed record AlertReach(IReadOnlyList<string> By, int Threshold, long Sent, IReadOnlyList<ReachRow> Rows)
{
    public static AlertReach Of(AlertCounts counts, IReadOnlyList<string> by, ProfilesOptions options, int referenceYear, IEnumerable<string> places)
    {
        var (cells, total) = CellBreakdown.Read(counts.SentByCell, by, options.Bands(), options.SuppressionThreshold, referenceYear, places);
        return new AlertReach(by, options.SuppressionThreshold, total, [.. cells.Select(c => ReachRow.Of(by, c))]);
    }
}

/// <summary>One row: <c>{"age": "18-24", "sent": 12}</c>, or <c>"sent": null, "suppressed": true</c> for a hidden cell.</summary>
public sealed record ReachRow(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Gender,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Age,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Place,
    long? Sent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Suppressed)
{
    public static ReachRow Of(IReadOnlyList<string> by, BreakdownCell cell)
    {
        var row = BreakdownRow.Of(by, cell);
        return new ReachRow(row.Gender, row.Age, row.Place, row.Votes, row.Suppressed);
    }
}
