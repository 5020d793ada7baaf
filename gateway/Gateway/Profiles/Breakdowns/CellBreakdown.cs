namespace Gateway.Profiles.Breakdowns;

/// <summary>
/// Counts already summed per profile cell (an alert's <c>cell:&lt;cell&gt;:sent</c>, …) on the gender × age × place grid,
/// suppressed (<see cref="SmallCellSuppression"/>) and cut along <c>by</c>: the same reading as a poll's breakdown, for
/// counters that are not votes. Ages are those reached in the reference year given.
/// </summary>
public static class CellBreakdown
{
    /// <summary>The table along <paramref name="by"/> (every cell, in display order) and the grand total.</summary>
    public static (IReadOnlyList<BreakdownCell> Cells, long Total) Read(IReadOnlyDictionary<ProfileCell, long> cells, IReadOnlyList<string> by,
        IReadOnlyList<AgeBand> bands, int threshold, int referenceYear, IEnumerable<string> places)
    {
        var grid = new ProfileGrid(bands, places.Concat(cells.Keys.Select(c => c.PlaceId).OfType<string>()), referenceYear);
        var cube = new CountCube(grid.Dimensions);
        foreach (var (cell, count) in cells) cube.Add([grid.GenderOf(cell), grid.AgeOf(cell), grid.PlaceOf(cell)], count);
        var suppressed = SmallCellSuppression.Apply(cube, threshold);
        var order = by.Select(name => name switch { BreakdownBy.Gender => 0, BreakdownBy.Age => 1, _ => 2 }).ToList();
        return (suppressed.Table(order), suppressed.Total);
    }
}
