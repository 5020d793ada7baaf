using Gateway.Profiles.Places;

namespace Gateway.Profiles.Census;

/// <summary>
/// What makes a commune's census shares readable: each a percentage from 0 to 100 with at most one decimal; age bands only
/// the configured ones, summing to 100 when all are given (they share the residents aged 15 and over) and never above;
/// places only those of the commune's list, never summing above 100 (the rest live elsewhere or in "other").
/// Sums allow <see cref="Rounding"/> for figures rounded to one decimal.
/// </summary>
public static class CensusRules
{
    public const decimal Rounding = 0.5m;

    /// <summary>Each problem under the field it concerns (<c>women</c>, <c>ages.18-24</c>, <c>ages</c>, <c>places.maarif</c>, <c>places</c>).</summary>
    public static Dictionary<string, string[]> Validate(CensusShares shares, IReadOnlyList<AgeBand> bands, IReadOnlyList<Place> places)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (shares.Women is { } women && Percent(women) is { } womenError) errors["women"] = [womenError];
        foreach (var (band, share) in shares.Ages)
        {
            if (bands.All(b => b.Label != band)) errors[$"ages.{band}"] = [$"'{band}' is not an age band of this gateway ({string.Join(", ", bands.Select(b => b.Label))})."];
            else if (Percent(share) is { } error) errors[$"ages.{band}"] = [error];
        }
        foreach (var (id, share) in shares.Places)
        {
            if (places.All(p => p.Id != id)) errors[$"places.{id}"] = [$"'{id}' is not a place of this commune's list."];
            else if (Percent(share) is { } error) errors[$"places.{id}"] = [error];
        }
        if (errors.Count > 0) return errors;
        var ages = shares.Ages.Values.Sum();
        if (ages > 100 + Rounding) errors["ages"] = [$"The age bands add up to {ages} %: they share the residents aged 15 and over, so at most 100 %."];
        else if (shares.Ages.Count == bands.Count && bands.Count > 0 && ages < 100 - Rounding)
            errors["ages"] = [$"The age bands add up to {ages} %: all bands given, they cover every resident aged 15 and over, so 100 %."];
        var placesSum = shares.Places.Values.Sum();
        if (placesSum > 100 + Rounding) errors["places"] = [$"The places add up to {placesSum} %: at most 100 % of the commune."];
        return errors;
    }

    private static string? Percent(decimal share) =>
        share is < 0 or > 100 ? $"{share} is not a percentage: give a number from 0 to 100."
        : decimal.Round(share, 1) != share ? $"{share}: one decimal at most, as the census publishes it."
        : null;
}
