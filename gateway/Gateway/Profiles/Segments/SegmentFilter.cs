using Gateway.Conversations;
using Gateway.Profiles.Breakdowns;

namespace Gateway.Profiles.Segments;

/// <summary>
/// The one predicate that says whether a contact is in a segment: the preview, the size check and the fan-out all call it,
/// so the count shown before sending is the count sent. A birth year falls into its band by the age reached in
/// <paramref name="referenceYear"/> (the year of the alert's send time, in Morocco), as breakdowns read it.
/// </summary>
public sealed class SegmentFilter(AudienceSegment segment, IReadOnlyList<AgeBand> bands, int referenceYear)
{
    public AudienceSegment Segment { get; } = segment;

    public bool Matches(ContactProfile? profile)
    {
        var cell = ProfileCell.Of(profile);
        return In(Segment.Genders, cell.GenderName) && In(Segment.AgeBands, BandOf(cell)) && In(Segment.Places, cell.PlaceId ?? ProfileGrid.Unknown);
    }

    private static bool In(List<string>? wanted, string value) => wanted is not { Count: > 0 } || wanted.Contains(value, StringComparer.Ordinal);

    private string BandOf(ProfileCell cell)
    {
        if (cell.BirthYear is { } year)
            return bands.FirstOrDefault(b => b.Contains(referenceYear - year))?.Label ?? ProfileGrid.Unknown;
        return cell.AgeBand is { } label && bands.Any(b => b.Label == label) ? label : ProfileGrid.Unknown;
    }

    /// <summary>The Morocco year of an instant: the reference year of a segment sent then.</summary>
    public static int YearOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Text.Csv.Zone).Year;
}
