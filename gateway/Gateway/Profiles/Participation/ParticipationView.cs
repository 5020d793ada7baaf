using System.Text.Json.Serialization;

namespace Gateway.Profiles.Participation;

/// <summary>A commune's participation, month by month (<c>GET /api/communes/{commune}/participation</c>).</summary>
/// <param name="Threshold">Cells under it are hidden (<c>Profiles:SuppressionThreshold</c>); so is a cell that would give one back.</param>
public sealed record ParticipationView(string Commune, IReadOnlyList<string> By, int Threshold, IReadOnlyList<ParticipationMonth> Months);

/// <summary>
/// One month's rows, for each kind (<c>vote</c>, <c>report</c>, <c>subscribe</c>): its total (<c>channel: "all"</c>, no
/// dimension), each channel's total, and when <c>by</c> is asked, each cell for all channels then for each channel.
/// </summary>
public sealed record ParticipationMonth(string Month, IReadOnlyList<ParticipationRow> Rows);

/// <summary>
/// <c>{"kind": "report", "channel": "ussd", "gender": "woman", "count": 9}</c>; a suppressed row answers <c>"count": null,
/// "suppressed": true</c>.
/// </summary>
public sealed record ParticipationRow(
    string Kind,
    string Channel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Gender,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Age,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Place,
    long? Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Suppressed)
{
    public const string AllChannels = "all";
}
