namespace Gateway.Profiles.Places;

/// <summary>
/// What removing a place means: a place once saved may be named by profiles and counted cells (<c>...|&lt;place&gt;</c>),
/// and nothing cheap tells whether it still is. So a place left out of a new list is never dropped: it is kept after the
/// list as retired (hidden from the question, still named on the participation page and in the CSV), and giving its id
/// again brings it back. Ids are therefore never reused for another place either.
/// </summary>
public static class PlaceRetirement
{
    /// <summary>At most this many retired places are kept (beyond it, the oldest retired go: a commune renaming its list
    /// many times over has long stopped counting under the first names).</summary>
    public const int MaxRetired = 200;

    /// <summary>The list to store: <paramref name="given"/> as given, then each place of <paramref name="stored"/> it left out, retired.</summary>
    public static List<Place> Merge(IReadOnlyList<Place> stored, IReadOnlyList<Place> given)
    {
        var ids = given.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var kept = stored.Where(p => !ids.Contains(p.Id)).Select(p => p with { Retired = true }).ToList();
        var retiredGiven = given.Count(p => p.Retired);
        if (kept.Count + retiredGiven > MaxRetired) kept = kept.Skip(kept.Count + retiredGiven - MaxRetired).ToList();
        return [.. given, .. kept];
    }
}
