using System.Globalization;

namespace Gateway.Profiles.Breakdowns;

/// <summary>
/// A poll's votes by profile, read from its tally counter's <c>cell:&lt;cell&gt;:option:&lt;n&gt;</c> fields
/// (docs/profile-counters.md): summed over options, on the gender × age × place grid, suppressed, cut along <c>by</c>.
/// Ages are those reached in the poll's opening year; <c>places</c> have their row even at 0 (<see cref="Places.PlaceDirectory.RowsAsync"/>). Only the counter is read: no voter is loaded, whatever the poll's size.
/// </summary>
public static class PollBreakdown
{
    public const string CellPrefix = "cell:";
    private const string OptionInfix = ":option:";

    public static IReadOnlyList<BreakdownRow> Read(IReadOnlyDictionary<string, long> fields, IReadOnlyList<string> by,
        IReadOnlyList<AgeBand> bands, int threshold, int openingYear, IEnumerable<string> places)
    {
        var cells = new Dictionary<ProfileCell, long>();
        foreach (var (name, value) in fields)
        {
            if (value == 0 || CellOf(name) is not { } cell) continue;
            cells[cell] = cells.GetValueOrDefault(cell) + value;
        }
        var grid = new ProfileGrid(bands, places.Concat(cells.Keys.Select(c => c.PlaceId).OfType<string>()), openingYear);
        var cube = new CountCube(grid.Dimensions);
        foreach (var (cell, count) in cells) cube.Add([grid.GenderOf(cell), grid.AgeOf(cell), grid.PlaceOf(cell)], count);
        var suppressed = SmallCellSuppression.Apply(cube, threshold);
        var order = by.Select(name => name switch { BreakdownBy.Gender => 0, BreakdownBy.Age => 1, _ => 2 }).ToList();
        return [.. suppressed.Table(order).Select(c => BreakdownRow.Of(by, c))];
    }

    /// <summary>The cell of a <c>cell:&lt;cell&gt;:option:&lt;n&gt;</c> field; null for any other field.</summary>
    public static ProfileCell? CellOf(string field)
    {
        if (!field.StartsWith(CellPrefix, StringComparison.Ordinal)) return null;
        var option = field.LastIndexOf(OptionInfix, StringComparison.Ordinal);
        if (option <= CellPrefix.Length || !int.TryParse(field.AsSpan(option + OptionInfix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return null;
        return ProfileCell.Parse(field[CellPrefix.Length..option]);
    }
}
