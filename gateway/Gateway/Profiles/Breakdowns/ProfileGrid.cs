namespace Gateway.Profiles.Breakdowns;

/// <summary>
/// The grid profile cells are counted on for a breakdown: gender (<c>woman</c>, <c>man</c>, <c>unstated</c>,
/// <c>unknown</c>), age band (the bands of <c>Profiles:AgeBands</c>, then <c>unknown</c>) and place (the place ids, then
/// <c>other</c>, then <c>unknown</c>). "Unknown" (not given) is always its own row. A birth year becomes the age reached in
/// the reference year (a poll's opening year, a participation's month): a birth year alone cannot say more.
/// </summary>
public sealed class ProfileGrid
{
    public const string Unknown = "unknown";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> Genders = ["woman", "man", "unstated", Unknown];

    private readonly IReadOnlyList<AgeBand> bands;
    private readonly int referenceYear;
    private readonly Dictionary<string, int> placeIndex;

    public ProfileGrid(IReadOnlyList<AgeBand> bands, IEnumerable<string> places, int referenceYear)
    {
        this.bands = bands;
        this.referenceYear = referenceYear;
        var ids = places.Where(ProfileCell.IsPlaceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        placeIndex = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        Gender = new BreakdownDimension(BreakdownBy.Gender, Genders);
        Age = new BreakdownDimension(BreakdownBy.Age, [.. bands.Select(b => b.Label), Unknown]);
        Place = new BreakdownDimension(BreakdownBy.Place, [.. ids, Other, Unknown]);
    }

    public BreakdownDimension Gender { get; }
    public BreakdownDimension Age { get; }
    public BreakdownDimension Place { get; }

    /// <summary>The profile dimensions in cube order: gender, age, place.</summary>
    public IReadOnlyList<BreakdownDimension> Dimensions => [Gender, Age, Place];

    public int GenderOf(ProfileCell cell) => Genders.IndexOf(cell.GenderName) is var i and >= 0 ? i : Genders.Count - 1;

    public int AgeOf(ProfileCell cell)
    {
        var unknown = bands.Count;
        if (cell.BirthYear is { } year)
        {
            var age = referenceYear - year;
            for (var i = 0; i < bands.Count; i++) if (bands[i].Contains(age)) return i;
            return unknown; // younger than the first band, or a year the dialog should not have taken
        }
        if (cell.AgeBand is { } label)
            for (var i = 0; i < bands.Count; i++) if (bands[i].Label == label) return i;
        return unknown; // not given, or a band the settings no longer have
    }

    /// <summary>A place id no longer in the list counts as "other".</summary>
    public int PlaceOf(ProfileCell cell) => cell.PlaceId switch
    {
        null => placeIndex.Count + 1,
        var id when placeIndex.TryGetValue(id, out var i) => i,
        _ => placeIndex.Count,
    };
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }
}
