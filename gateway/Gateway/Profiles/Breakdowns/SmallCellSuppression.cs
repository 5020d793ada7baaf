namespace Gateway.Profiles.Breakdowns;

/// <summary>
/// Small-cell suppression over every table a <see cref="CountCube"/> can be cut into, the same whatever table is asked
/// (README, "Participation for equality bodies").
/// <list type="number">
/// <item><b>Primary:</b> a cell counting 1 to threshold − 1 is suppressed. Zero is shown: "nobody of this group took part"
/// singles nobody out, and it is the very gap the figures exist to show.</item>
/// <item><b>Complementary:</b> each margin of a table (a row's total, a column's total, the grand total) is a sum a reader
/// can get, from this table or from a coarser one. When exactly one cell of such a sum is hidden, the sum would give it
/// back, so the smallest other non-zero cell of that sum is hidden too (a zero only when nothing else is left); repeated
/// until no sum has exactly one hidden cell.</item>
/// <item><b>Across queries:</b> a table is decided after every coarser table it sums to (gender × age after gender and
/// after age), with those coarser cells' fate fixed: a margin shown in <c>by=gender</c> is shown, one hidden there is
/// hidden, and only the finer table's own cells are hidden to protect it. So each table depends on the data and its
/// coarser tables only, never on which query came first, and no two answers can be subtracted to isolate a cell.</item>
/// </list>
/// The grand total is treated as public (the poll's total is published anyway).
/// </summary>
public static class SmallCellSuppression
{
    public static SuppressedCube Apply(CountCube cube, int threshold) =>
        threshold < 2 ? throw new ArgumentOutOfRangeException(nameof(threshold)) : new SuppressedCube(cube, threshold);
}

/// <summary>A cube whose tables are suppressed as they are asked for (each at most once; coarser ones first).</summary>
public sealed class SuppressedCube
{
    private readonly CountCube cube;
    private readonly int threshold;
    private readonly Dictionary<long, bool> hidden = [];
    private readonly Dictionary<long, long> counts = [];
    private readonly HashSet<int> decided = [];

    internal SuppressedCube(CountCube cube, int threshold)
    {
        this.cube = cube;
        this.threshold = threshold;
    }

    public IReadOnlyList<BreakdownDimension> Dimensions => cube.Dimensions;

    /// <summary>
    /// The table over <paramref name="dimensions"/> (indexes into <see cref="Dimensions"/>, in the order the row values are
    /// wanted), every cell of it in the dimensions' display order, summed over the dimensions not named.
    /// </summary>
    public IReadOnlyList<BreakdownCell> Table(IReadOnlyList<int> dimensions)
    {
        var mask = 0;
        foreach (var d in dimensions)
        {
            if (d < 0 || d >= cube.Dimensions.Count || (mask & (1 << d)) != 0) throw new ArgumentException("Distinct dimensions of the cube.", nameof(dimensions));
            mask |= 1 << d;
        }
        Decide(mask);
        var rows = new List<BreakdownCell>();
        foreach (var key in Keys([.. dimensions]))
        {
            var values = cube.Decode(key);
            rows.Add(new BreakdownCell([.. dimensions.Select(d => cube.Dimensions[d].Values[values[d]])], counts.GetValueOrDefault(key), hidden[key]));
        }
        return rows;
    }

    /// <summary>The grand total (never hidden).</summary>
    public long Total
    {
        get
        {
            Decide(0);
            return counts.GetValueOrDefault(AllKey());
        }
    }

    private long AllKey()
    {
        Span<int> all = stackalloc int[cube.Dimensions.Count];
        for (var d = 0; d < all.Length; d++) all[d] = cube.All(d);
        return cube.CellKey(all);
    }

    private void Decide(int mask)
    {
        if (decided.Contains(mask)) return;
        for (var d = 0; d < cube.Dimensions.Count; d++)
            if ((mask & (1 << d)) != 0) Decide(mask & ~(1 << d));
        Project(mask);
        var cells = Keys([.. Enumerable.Range(0, cube.Dimensions.Count).Where(d => (mask & (1 << d)) != 0)]);
        foreach (var key in cells)
        {
            var count = counts.GetValueOrDefault(key);
            hidden[key] = mask != 0 && count >= 1 && count < threshold;
        }
        if (mask != 0) Complement(mask, cells);
        decided.Add(mask);
    }

    /// <summary>Hides more cells of the table until no margin (fixed by the coarser tables) has exactly one hidden cell.</summary>
    private void Complement(int mask, List<long> cells)
    {
        var groups = new List<(long Margin, List<long> Members)>();
        for (var d = 0; d < cube.Dimensions.Count; d++)
        {
            if ((mask & (1 << d)) == 0) continue;
            var byMargin = new Dictionary<long, List<long>>();
            foreach (var key in cells)
            {
                var values = cube.Decode(key);
                values[d] = cube.All(d);
                var margin = cube.CellKey(values);
                if (!byMargin.TryGetValue(margin, out var members)) byMargin[margin] = members = [];
                members.Add(key);
            }
            groups.AddRange(byMargin.Select(g => (g.Key, g.Value)));
        }
        bool changed;
        do
        {
            changed = false;
            foreach (var (margin, members) in groups)
            {
                var hiddenCount = (hidden[margin] ? 1 : 0) + members.Count(m => hidden[m]);
                if (hiddenCount != 1) continue;
                long? pick = null;
                foreach (var m in members)
                {
                    if (hidden[m]) continue;
                    if (pick is not { } p || Better(m, p)) pick = m;
                }
                if (pick is not { } chosen) continue; // cannot happen: a dimension has two values or more
                hidden[chosen] = true;
                changed = true;
            }
        } while (changed);
    }

    /// <summary>The smaller non-zero count first (a hidden zero beside a hidden 4 protects little); then the smaller key, for the same answer every time.</summary>
    private bool Better(long candidate, long current)
    {
        long a = counts.GetValueOrDefault(candidate), b = counts.GetValueOrDefault(current);
        if ((a == 0) != (b == 0)) return a != 0;
        return a != b ? a < b : candidate < current;
    }

    private void Project(int mask)
    {
        var values = new int[cube.Dimensions.Count];
        foreach (var (key, count) in cube.Counts)
        {
            var finest = cube.Decode(key);
            for (var d = 0; d < values.Length; d++) values[d] = (mask & (1 << d)) != 0 ? finest[d] : cube.All(d);
            var projected = cube.CellKey(values);
            counts[projected] = counts.GetValueOrDefault(projected) + count;
        }
    }

    /// <summary>Every cell of the table over <paramref name="dimensions"/>, the first dimension varying slowest.</summary>
    private List<long> Keys(List<int> dimensions)
    {
        var keys = new List<long>();
        var values = new int[cube.Dimensions.Count];
        for (var d = 0; d < values.Length; d++) values[d] = cube.All(d);
        void Walk(int i)
        {
            if (i == dimensions.Count)
            {
                keys.Add(cube.CellKey(values));
                return;
            }
            var d = dimensions[i];
            for (var v = 0; v < cube.Dimensions[d].Values.Count; v++)
            {
                values[d] = v;
                Walk(i + 1);
            }
            values[d] = cube.All(d);
        }
        Walk(0);
        return keys;
    }
}

/// <summary>One cell of a breakdown table: its value in each dimension asked, its count, and whether it is hidden.</summary>
public sealed record BreakdownCell(IReadOnlyList<string> Values, long Count, bool Suppressed);
