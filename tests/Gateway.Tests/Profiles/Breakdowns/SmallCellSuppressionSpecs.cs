using Gateway.Profiles.Breakdowns;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary>
/// Small-cell suppression (README, "Participation for equality bodies"): cells of 1 to 4 are hidden, and so is whatever
/// would give them back from a total, within one table and across the tables of different <c>by=</c>.
/// </summary>
public sealed class SmallCellSuppressionSpecs
{
    private const int Threshold = 5;

    private static readonly BreakdownDimension Gender = new("gender", ["woman", "man", "unstated", "unknown"]);
    private static readonly BreakdownDimension Age = new("age", ["15-17", "18-24", "25-34", "unknown"]);
    private static readonly BreakdownDimension Place = new("place", ["centre", "douar", "other", "unknown"]);

    private static CountCube Cube(params (int G, int A, int P, long Count)[] counts)
    {
        var cube = new CountCube([Gender, Age, Place]);
        foreach (var (g, a, p, n) in counts) cube.Add([g, a, p], n);
        return cube;
    }

    private static Dictionary<string, long?> Shown(IReadOnlyList<BreakdownCell> table) =>
        table.ToDictionary(c => string.Join("/", c.Values), c => c.Suppressed ? null : (long?)c.Count);

    [Fact]
    public void A_cell_of_4_is_hidden_and_the_total_cannot_give_it_back()
    {
        // women 4, men 20, unstated 0, unknown 10: the total (34) is public, so hiding the 4 alone would leave 34 - 20 - 0 - 10.
        var cube = Cube((0, 1, 0, 4), (1, 1, 0, 20), (3, 1, 0, 10));

        var table = SmallCellSuppression.Apply(cube, Threshold);
        var shown = Shown(table.Table([0]));

        Assert.Equal(34, table.Total);
        Assert.Null(shown["woman"]);
        Assert.Null(shown["unknown"]); // the smallest other non-zero cell, hidden with it
        Assert.Equal(20, shown["man"]);
        Assert.Equal(0, shown["unstated"]); // nobody: shown, it singles nobody out
        Assert.Equal(2, table.Table([0]).Count(c => c.Suppressed));
    }

    [Fact]
    public void Nothing_under_the_threshold_means_nothing_hidden_and_zeros_shown()
    {
        var cube = Cube((0, 0, 0, 5), (1, 0, 0, 7), (0, 1, 1, 12));

        var gender = Shown(SmallCellSuppression.Apply(cube, Threshold).Table([0]));

        Assert.Equal(new Dictionary<string, long?> { ["woman"] = 17, ["man"] = 7, ["unstated"] = 0, ["unknown"] = 0 }, gender);
    }

    [Fact]
    public void A_crossed_table_hides_a_second_cell_in_each_row_and_column_that_holds_a_small_one()
    {
        // gender × age: woman 18-24 = 3 is hidden; its row (women = 33) and column (18-24 = 23) are public in by=gender and
        // by=age, so a second cell of each must go, and those cells' own row/column then need a second one too.
        var cube = Cube((0, 1, 0, 3), (0, 2, 0, 30), (1, 1, 0, 20), (1, 2, 0, 25), (1, 0, 0, 9), (0, 0, 0, 11));

        var crossed = SmallCellSuppression.Apply(cube, Threshold).Table([0, 1]);

        Assert.True(crossed.Single(c => c.Values is ["woman", "18-24"]).Suppressed);
        foreach (var line in crossed.GroupBy(c => c.Values[0]).Concat(crossed.GroupBy(c => c.Values[1])))
            Assert.NotEqual(1, line.Count(c => c.Suppressed));
        Assert.Equal(4, crossed.Count(c => c.Suppressed)); // a 2 × 2 rectangle: the least that protects one cell
    }

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    /// <summary>
    /// An attacker holding every answer (by= each dimension, each pair crossed, and the public total) solves every sum with a
    /// single unknown, over and over: no cell of 1 to 4 ever comes out. Random sparse data, where small cells abound.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void No_small_cell_can_be_worked_out_by_combining_every_table_a_caller_can_ask(int seed)
    {
        var random = new Random(seed);
        var cube = new CountCube([Gender, Age, Place]);
        for (var i = 0; i < random.Next(3, 30); i++)
            cube.Add([random.Next(4), random.Next(4), random.Next(4)], random.Next(0, 3) == 0 ? random.Next(1, 40) : random.Next(1, 5));
        var suppressed = SmallCellSuppression.Apply(cube, Threshold);

        var disclosed = Attacker.Solve(suppressed, [[0], [1], [2], [0, 1], [0, 2], [1, 2]]);

        Assert.DoesNotContain(disclosed, c => c.Count is >= 1 and < Threshold);
    }

    [Fact]
    public void Each_table_is_the_same_whichever_was_asked_first()
    {
        var counts = new[] { (0, 1, 0, 3L), (0, 2, 1, 30L), (1, 1, 0, 20L), (1, 2, 2, 2L), (2, 0, 3, 9L), (3, 3, 3, 11L) };
        var crossedFirst = SmallCellSuppression.Apply(Cube(counts), Threshold);
        _ = crossedFirst.Table([0, 1]);
        _ = crossedFirst.Table([1, 2]);

        var alone = SmallCellSuppression.Apply(Cube(counts), Threshold);

        Assert.Equal(Shown(alone.Table([0])), Shown(crossedFirst.Table([0])));
        Assert.Equal(Shown(alone.Table([1])), Shown(crossedFirst.Table([1])));
        Assert.Equal(Shown(alone.Table([1, 0])).Values.Order(), Shown(crossedFirst.Table([0, 1])).Values.Order());
    }

    [Fact]
    public void A_crossed_tables_margins_are_the_single_tables_cells()
    {
        var cube = Cube((0, 1, 0, 3), (0, 2, 1, 30), (1, 1, 0, 20), (1, 2, 2, 7), (2, 0, 3, 9), (3, 3, 3, 11));
        var suppressed = SmallCellSuppression.Apply(cube, Threshold);

        var crossed = suppressed.Table([0, 1]);
        var gender = suppressed.Table([0]);

        foreach (var row in gender)
        {
            var cells = crossed.Where(c => c.Values[0] == row.Values[0]).ToList();
            Assert.Equal(row.Count, cells.Sum(c => c.Count));
        }
    }

    [Fact]
    public void A_table_lists_every_value_of_its_dimensions_unknown_included_even_when_nobody_is_in_them()
    {
        var table = SmallCellSuppression.Apply(Cube((0, 0, 0, 50)), Threshold).Table([1, 0]);

        Assert.Equal(Age.Values.Count * Gender.Values.Count, table.Count);
        Assert.Equal(["15-17", "woman"], table[0].Values);
        Assert.Equal(["unknown", "unknown"], table[^1].Values);
    }

    [Fact]
    public void An_empty_cube_shows_zeros_and_hides_nothing()
    {
        var table = SmallCellSuppression.Apply(Cube(), Threshold).Table([0, 2]);

        Assert.All(table, c => Assert.False(c.Suppressed));
        Assert.All(table, c => Assert.Equal(0, c.Count));
    }

    /// <summary>Works out hidden cells the way a reader could: any published sum with a single unknown gives it.</summary>
    private static class Attacker
    {
        public static List<BreakdownCell> Solve(SuppressedCube cube, int[][] queries)
        {
            // Every cell of every answer, named by its values in cube order ("*" summed over), known when shown.
            var cells = new Dictionary<string, (long Count, bool Known)>();
            string Name(int[] dims, IReadOnlyList<string> values)
            {
                var name = new string[cube.Dimensions.Count];
                Array.Fill(name, "*");
                for (var i = 0; i < dims.Length; i++) name[dims[i]] = values[i];
                return string.Join("/", name);
            }
            foreach (var dims in queries)
                foreach (var cell in cube.Table(dims))
                    cells[Name(dims, cell.Values)] = (cell.Count, !cell.Suppressed);
            cells[string.Join("/", Enumerable.Repeat("*", cube.Dimensions.Count))] = (cube.Total, true);

            // Sums: each cell of a table is the sum, along one of its dimensions, of the finer table's cells.
            var sums = new List<(string Total, List<string> Parts)>();
            foreach (var dims in queries)
                foreach (var d in dims)
                {
                    var coarser = dims.Where(x => x != d).ToArray();
                    foreach (var group in cube.Table(dims).GroupBy(c => Name(coarser, [.. c.Values.Where((_, i) => dims[i] != d)])))
                        sums.Add((group.Key, [.. group.Select(c => Name(dims, c.Values))]));
                }
            bool progress;
            do
            {
                progress = false;
                foreach (var (total, parts) in sums)
                {
                    var members = parts.Append(total).ToList();
                    var unknown = members.Where(m => !cells[m].Known).ToList();
                    if (unknown.Count != 1 || !cells.ContainsKey(total)) continue;
                    cells[unknown[0]] = (cells[unknown[0]].Count, true);
                    progress = true;
                }
            } while (progress);

            var hidden = queries.SelectMany(dims => cube.Table(dims).Where(c => c.Suppressed).Select(c => (dims, c)));
            return [.. hidden.Where(h => cells[Name(h.dims, h.c.Values)].Known).Select(h => h.c)];
        }
    }
}
