using System.Globalization;
using Gateway.Conversations;

namespace Gateway.Profiles;

/// <summary>
/// The only form in which a profile enters counters: <c>&lt;g&gt;|&lt;a&gt;|&lt;p&gt;</c> (docs/profile-counters.md).
/// <list type="bullet">
/// <item><c>g</c>: <c>w</c> woman, <c>m</c> man, <c>s</c> unstated (prefer not to say), <c>u</c> not given;</item>
/// <item><c>a</c>: <c>y&lt;year&gt;</c> (birth year), <c>b&lt;band&gt;</c> (a band chosen, e.g. <c>b18-24</c>), <c>u</c>;</item>
/// <item><c>p</c>: a place id of the commune (<c>[a-z0-9-]</c>), <c>other</c>, <c>u</c>.</item>
/// </list>
/// The year is kept rather than a band so that bands can be changed in the settings and ages move on with the calendar.
/// The free text of "other" never enters a cell.
/// </summary>
public readonly record struct ProfileCell(string Gender, string Age, string Place)
{
    public const string NotGiven = "u";
    private const char Separator = '|';

    /// <summary><c>u|u|u</c>: a contact without a profile, or one erased.</summary>
    public static readonly ProfileCell Unknown = new(NotGiven, NotGiven, NotGiven);

    public static ProfileCell Of(ContactProfile? profile)
    {
        if (profile is null) return Unknown;
        var gender = profile.Gender switch
        {
            ContactProfile.Woman => "w",
            ContactProfile.Man => "m",
            ContactProfile.Unstated => "s",
            _ => NotGiven,
        };
        var age = profile.BirthYear is { } year ? "y" + year.ToString(CultureInfo.InvariantCulture)
            : profile.AgeBand is { Length: > 0 } band ? "b" + band
            : NotGiven;
        var place = profile.Place is { Length: > 0 } p && (p == ContactProfile.OtherPlace || IsPlaceId(p)) ? p : NotGiven;
        return new ProfileCell(gender, age, place);
    }

    /// <summary>Reads a cell back; anything malformed reads as <see cref="Unknown"/>.</summary>
    public static ProfileCell Parse(string? cell)
    {
        var parts = cell?.Split(Separator);
        if (parts is not { Length: 3 } || parts[0] is not ("w" or "m" or "s" or NotGiven) || parts[1].Length == 0 || parts[2].Length == 0)
            return Unknown;
        return new ProfileCell(parts[0], parts[1], parts[2]);
    }

    /// <summary><c>woman</c>, <c>man</c>, <c>unstated</c> or <c>unknown</c> (the names of the API's breakdown rows).</summary>
    public string GenderName => Gender switch
    {
        "w" => ContactProfile.Woman,
        "m" => ContactProfile.Man,
        "s" => ContactProfile.Unstated,
        _ => "unknown",
    };

    /// <summary>The birth year, when the cell holds one.</summary>
    public int? BirthYear => Age.StartsWith('y') && int.TryParse(Age.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    /// <summary>The band chosen from a list, when the cell holds one.</summary>
    public string? AgeBand => Age.StartsWith('b') && Age.Length > 1 ? Age[1..] : null;

    /// <summary>The place id or <c>other</c>; null when not given.</summary>
    public string? PlaceId => Place == NotGiven ? null : Place;

    public override string ToString() => string.Concat(Gender, "|", Age, "|", Place);

    /// <summary>A place id as staff may define one: a slug of lower-case ASCII letters, digits and hyphens, not a reserved word.</summary>
    public static bool IsPlaceId(string id) =>
        id.Length is > 0 and <= 40 && id != NotGiven && id != ContactProfile.OtherPlace
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
