using System.Text.Json.Serialization;

namespace Gateway.Profiles.Participation;

/// <summary>A commune's participation, month by month (<c>GET /api/communes/{commune}/participation</c>).</summary>
/// <param name="Threshold">Cells under it are hidden (<c>Profiles:SuppressionThreshold</c>); so is a cell that would give one back.</param>
public sealed record ParticipationView(string Commune, IReadOnlyList<string> By, int Threshold, IReadOnlyList<ParticipationMonth> Months)
{
    /// <summary>The commune's population shares (2024 census, <c>GET /api/communes/{commune}/census</c>); absent when none were entered.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Census.CensusShares? Census { get; init; }
}

/// <summary>
/// One month's rows, for each kind (<c>vote</c>, <c>report</c>, <c>subscribe</c>): its total (<c>channel: "all"</c>, no
/// dimension), each channel's total, and when <c>by</c> is asked, each cell for all channels then for each channel.
/// </summary>
public sealed record ParticipationMonth(string Month, IReadOnlyList<ParticipationRow> Rows)
{
    /// <summary>The month's participants, each once, by how complete their profile is (total first), suppressed like the rows.</summary>
    public IReadOnlyList<ProfileCompletenessRow> People { get; init; } = [];
}

/// <summary>
/// <c>{"kind": "report", "channel": "ussd", "gender": "woman", "count": 9}</c>; a suppressed row answers <c>"count": null,
/// "suppressed": true</c>. A shown row of a breakdown also carries its <c>share</c> of the column, and the commune's
/// <c>census</c> share when entered: <c>{"kind": "report", "channel": "all", "gender": "woman", "count": 18, "share": 18, "census": 51}</c>.
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

    /// <summary>The row's share of its kind's total on its channel, in whole percent; absent when the row or the total is hidden.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Share { get; init; }

    /// <summary>The commune's share of this value in the 2024 census, in percent (single-dimension rows, when entered).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Census { get; init; }
}
