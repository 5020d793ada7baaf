using Gateway.OpenApi;

namespace Gateway.Profiles.Breakdowns;

/// <summary>
/// The <c>by=</c> of a breakdown: <c>gender</c>, <c>age</c> or <c>place</c>, or two of them crossed (<c>by=gender,age</c>).
/// Three crossed are refused: each cell would be a handful of people, and crossing the three 2-way tables already bounds them.
/// </summary>
public static class BreakdownBy
{
    public const string Gender = "gender";
    public const string Age = "age";
    public const string Place = "place";
    public const int MaxCrossed = 2;

    public static readonly IReadOnlyList<string> All = [Gender, Age, Place];

    /// <summary>The OpenAPI description of <c>by</c>.</summary>
    public static QueryParameter Parameter(string what) => new("by",
        $"Break {what} down by `gender`, `age` (the age bands of `Profiles:AgeBands`) or `place`, or two crossed as `gender,age`. " +
        "Cells under `Profiles:SuppressionThreshold` (and the cells that would give them back) answer `null` with `suppressed: true`.");

    /// <summary>The dimensions asked, in order (empty when <c>by</c> is absent), or the sentence saying what is wrong.</summary>
    public static (IReadOnlyList<string> Dimensions, string? Error) Parse(IReadOnlyList<string?> by)
    {
        if (by.Count == 0 || (by.Count == 1 && string.IsNullOrWhiteSpace(by[0]))) return ([], null);
        if (by.Count > 1) return ([], "Give 'by' once, e.g. by=gender,age.");
        var names = by[0]!.Split(',', StringSplitOptions.TrimEntries);
        foreach (var name in names)
            if (!All.Contains(name, StringComparer.Ordinal))
                return ([], $"'by' takes gender, age or place, or two of them crossed such as by=gender,age; '{name}' is none of them.");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length) return ([], "'by' names a dimension twice.");
        if (names.Length > MaxCrossed)
            return ([], $"'by' crosses at most {MaxCrossed} dimensions: finer cells would each be a handful of people.");
        return (names, null);
    }
}
