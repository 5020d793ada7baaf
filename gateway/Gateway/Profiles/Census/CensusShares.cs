namespace Gateway.Profiles.Census;

/// <summary>
/// A commune's population shares as its staff read them in the 2024 census (RGPH), in percent, so that the participation
/// page can show who is missing ("women: 51 % of the commune, 18 % of reports"). Aggregates of the whole commune: no personal data.
/// </summary>
/// <param name="Women">Women's share of the population (men's is the rest); null: not entered.</param>
/// <param name="Ages">Share of each age band (<c>Profiles:AgeBands</c> labels, e.g. <c>18-24</c>) among residents aged 15 and over.</param>
/// <param name="Places">Share of each place of the commune's list (its id) in the whole population.</param>
public sealed record CensusShares(decimal? Women, IReadOnlyDictionary<string, decimal> Ages, IReadOnlyDictionary<string, decimal> Places)
{
    public static readonly CensusShares None = new(null, new Dictionary<string, decimal>(), new Dictionary<string, decimal>());

    public DateTimeOffset? UpdatedAt { get; init; }

    public bool IsEmpty => Women is null && Ages.Count == 0 && Places.Count == 0;

    /// <summary>The commune's share for a breakdown value (<c>gender</c> woman/man, an <c>age</c> band, a <c>place</c> id); null when not entered.</summary>
    public decimal? For(string dimension, string value) => dimension switch
    {
        "gender" => value switch { "woman" => Women, "man" => 100 - Women, _ => null },
        "age" => Ages.TryGetValue(value, out var age) ? age : null,
        "place" => Places.TryGetValue(value, out var place) ? place : null,
        _ => null,
    };
}
