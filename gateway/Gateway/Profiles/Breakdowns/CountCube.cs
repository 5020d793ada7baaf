namespace Gateway.Profiles.Breakdowns;

/// <summary>
/// Counts over a fixed grid of dimensions (e.g. gender × age band × place), at the finest level: what
/// <see cref="SmallCellSuppression"/> protects. Each dimension lists every value it can take, "unknown" included, so that
/// the grid is the same whatever was counted (a row exists with 0 rather than appearing only once someone is in it).
/// </summary>
public sealed class CountCube
{
    private readonly Dictionary<long, long> counts = [];

    public CountCube(IReadOnlyList<BreakdownDimension> dimensions)
    {
        if (dimensions.Count is 0 or > 6) throw new ArgumentOutOfRangeException(nameof(dimensions), "A cube has one to six dimensions.");
        Dimensions = dimensions;
    }

    public IReadOnlyList<BreakdownDimension> Dimensions { get; }

    /// <summary>The counts of the finest cells that hold any, keyed by <see cref="CellKey"/>.</summary>
    internal IReadOnlyDictionary<long, long> Counts => counts;

    /// <summary>Adds <paramref name="count"/> to the finest cell at these value indexes (one per dimension).</summary>
    public void Add(ReadOnlySpan<int> values, long count)
    {
        if (values.Length != Dimensions.Count) throw new ArgumentException("One value per dimension.", nameof(values));
        if (count == 0) return;
        var key = CellKey(values);
        counts[key] = counts.GetValueOrDefault(key) + count;
    }

    /// <summary>
    /// A cell's key: the value indexes in mixed radix, each dimension's radix being its value count + 1 so that the index
    /// equal to the value count stands for "all" (the margin over that dimension).
    /// </summary>
    internal long CellKey(ReadOnlySpan<int> values)
    {
        long key = 0;
        for (var d = 0; d < Dimensions.Count; d++) key = key * (Dimensions[d].Values.Count + 1) + values[d];
        return key;
    }

    internal int[] Decode(long key)
    {
        var values = new int[Dimensions.Count];
        for (var d = Dimensions.Count - 1; d >= 0; d--)
        {
            var radix = Dimensions[d].Values.Count + 1;
            values[d] = (int)(key % radix);
            key /= radix;
        }
        return values;
    }

    /// <summary>The index standing for "all values" of dimension <paramref name="d"/>.</summary>
    internal int All(int d) => Dimensions[d].Values.Count;
}

/// <summary>A dimension of a breakdown: its name in the API (<c>gender</c>) and every value a row can carry, in display order.</summary>
public sealed record BreakdownDimension(string Name, IReadOnlyList<string> Values);
