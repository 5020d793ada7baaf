using System.Text.Json.Serialization;

namespace Gateway.Profiles.Breakdowns;

/// <summary>
/// One row of a poll's <c>breakdown</c>: <c>{"gender": "woman", "age": "18-24", "votes": 12}</c> with only the dimensions
/// asked; a suppressed row answers <c>"votes": null, "suppressed": true</c>.
/// </summary>
public sealed record BreakdownRow(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Gender,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Age,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Place,
    long? Votes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Suppressed)
{
    /// <summary>The row of <paramref name="cell"/>, whose values are those of <paramref name="dimensions"/> in order.</summary>
    public static BreakdownRow Of(IReadOnlyList<string> dimensions, BreakdownCell cell)
    {
        string? Value(string name) => dimensions.IndexOf(name) is var i and >= 0 ? cell.Values[i] : null;
        return new BreakdownRow(Value(BreakdownBy.Gender), Value(BreakdownBy.Age), Value(BreakdownBy.Place),
            cell.Suppressed ? null : cell.Count, cell.Suppressed ? true : null);
    }
}
