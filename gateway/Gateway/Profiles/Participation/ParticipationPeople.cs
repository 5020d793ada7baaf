using System.Text.Json.Serialization;
using Gateway.Profiles.Breakdowns;

namespace Gateway.Profiles.Participation;

/// <summary>
/// How many of a month's participants gave a complete profile, a partial one, none: read from the counter's
/// <c>people:all:&lt;cell&gt;</c> fields (each participant once per commune-month, <see cref="ProfileCounters.People"/>),
/// suppressed like any breakdown (a class under the threshold is hidden, and another with it so the total cannot give it back).
/// Counted since this field exists: a month before it shows no people.
/// </summary>
public static class ParticipationPeople
{
    public const string Complete = "complete";
    public const string Partial = "partial";
    public const string None = "none";

    public static readonly IReadOnlyList<string> Classes = [Complete, Partial, None];

    /// <summary>Complete: gender (an "unstated" is an answer), age and place given; none: nothing given; partial otherwise.</summary>
    public static string ClassOf(ProfileCell cell)
    {
        var given = (cell.Gender != ProfileCell.NotGiven ? 1 : 0) + (cell.Age != ProfileCell.NotGiven ? 1 : 0) + (cell.Place != ProfileCell.NotGiven ? 1 : 0);
        return given switch { 3 => Complete, 0 => None, _ => Partial };
    }

    /// <summary>The total (<c>profile: "all"</c>) then each class.</summary>
    public static List<ProfileCompletenessRow> Rows(IReadOnlyDictionary<string, long> fields, int threshold)
    {
        var prefix = $"{ProfileCounters.People}:{ProfileCounters.AllChannels}:";
        var cube = new CountCube([new BreakdownDimension("profile", Classes)]);
        foreach (var (field, count) in fields)
            if (count != 0 && field.StartsWith(prefix, StringComparison.Ordinal))
                cube.Add([Classes.IndexOf(ClassOf(ProfileCell.Parse(field[prefix.Length..])))], count);
        var suppressed = SmallCellSuppression.Apply(cube, threshold);
        var rows = new List<ProfileCompletenessRow> { new(ParticipationRow.AllChannels, suppressed.Total, null) };
        foreach (var cell in suppressed.Table([0]))
            rows.Add(new ProfileCompletenessRow(cell.Values[0], cell.Suppressed ? null : cell.Count, cell.Suppressed ? true : null));
        return rows;
    }
}

/// <summary><c>{"profile": "complete", "count": 12}</c>; a hidden row answers <c>"count": null, "suppressed": true</c>.</summary>
public sealed record ProfileCompletenessRow(
    string Profile,
    long? Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Suppressed);
