using Gateway.Conversations;
using Gateway.Profiles.Breakdowns;

namespace Gateway.Profiles.Segments;

/// <summary>
/// Who among an audience gets an alert or a poll invitation, by profile (issue 24): genders (<c>woman</c>, <c>man</c>,
/// <c>unstated</c>, <c>unknown</c>), age bands (labels of <c>Profiles:AgeBands</c>, or <c>unknown</c>) and places (place
/// ids, <c>other</c>, <c>unknown</c>). An empty or absent list takes everyone on that dimension. "Unknown" is a profile
/// not given, so that staff can also reach those who never answered.
/// </summary>
public sealed record AudienceSegment(List<string>? Genders = null, List<string>? AgeBands = null, List<string>? Places = null)
{
    /// <summary>True when no dimension narrows the audience (the same as no segment).</summary>
    public bool IsEverybody => Genders is not { Count: > 0 } && AgeBands is not { Count: > 0 } && Places is not { Count: > 0 };

    /// <summary>Problems by field (<c>segment.genders</c>, …), empty when every value is one the dimension can take.</summary>
    public Dictionary<string, string[]> Validate(IReadOnlyList<AgeBand> bands)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var labels = bands.Select(b => b.Label).Append(ProfileGrid.Unknown).ToList();
        if (Genders?.FirstOrDefault(g => !ProfileGrid.Genders.Contains(g)) is { } gender)
            errors["segment.genders"] = [$"'{gender}' is not a gender of a profile: woman, man, unstated or unknown."];
        if (AgeBands?.FirstOrDefault(a => !labels.Contains(a)) is { } band)
            errors["segment.ageBands"] = [$"'{band}' is not an age band: {string.Join(", ", labels)}."];
        if (Places?.FirstOrDefault(p => !(ProfileCell.IsPlaceId(p) || p == ContactProfile.OtherPlace || p == ProfileGrid.Unknown)) is { } place)
            errors["segment.places"] = [$"'{place}' is not a place id (lower-case letters, digits, dashes), other or unknown."];
        return errors;
    }

    /// <summary>The segment with duplicates removed and empty lists dropped; null when it takes everybody.</summary>
    public AudienceSegment? Normalized()
    {
        static List<string>? Clean(List<string>? values) =>
            values is { Count: > 0 } ? [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)] : null;
        var clean = new AudienceSegment(Clean(Genders), Clean(AgeBands), Clean(Places));
        return clean.IsEverybody ? null : clean;
    }
}
