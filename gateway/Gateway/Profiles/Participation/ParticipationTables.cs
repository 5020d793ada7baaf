using Gateway.Conversations.Ports;
using Gateway.Profiles.Breakdowns;
using Gateway.Profiles.Census;

namespace Gateway.Profiles.Participation;

/// <summary>
/// One month of a commune as the participation page and its CSV show it: for votes and for reports, the totals (all
/// channels and each channel) and one table per dimension (gender, age band, place). Each table is read through
/// <see cref="ParticipationReader"/> exactly as <c>GET /api/communes/{commune}/participation?by=</c> answers it, so the
/// console shows nothing the API would hide, and the three tables come from one suppressed grid.
/// </summary>
public sealed record ParticipationTables(string Month, int Threshold, IReadOnlyList<ParticipationKindTables> Kinds)
{
    /// <summary>The month's participants by how complete their profile is (<see cref="ParticipationPeople"/>).</summary>
    public IReadOnlyList<ProfileCompletenessRow> People { get; init; } = [];

    /// <summary>The commune's census shares the rows carry (<see cref="ParticipationRow.Census"/>).</summary>
    public CensusShares Census { get; init; } = CensusShares.None;

    /// <summary>What the page shows: votes and reports (subscriptions are not a consultation).</summary>
    public static readonly IReadOnlyList<string> ShownKinds = [ProfileCounters.Vote, ProfileCounters.Report];

    /// <summary>The columns of every table: all channels first, then each channel.</summary>
    public static readonly IReadOnlyList<string> Columns = [ParticipationRow.AllChannels, .. ParticipationReader.Channels];

    public static async Task<ParticipationTables> ReadAsync(string commune, string month, ICounterStore counters, ProfilesOptions options,
        IReadOnlyList<string> places, CancellationToken cancellationToken, CensusShares? census = null)
    {
        var byDimension = new Dictionary<string, IReadOnlyList<ParticipationRow>>(StringComparer.Ordinal);
        IReadOnlyList<ProfileCompletenessRow> people = [];
        foreach (var dimension in BreakdownBy.All)
        {
            var view = await ParticipationReader.ReadAsync(commune, new ParticipationRequest([month], [dimension]), counters, options, places, cancellationToken, census);
            byDimension[dimension] = view.Months.Single().Rows;
            people = view.Months.Single().People;
        }
        var kinds = ShownKinds.Select(kind => new ParticipationKindTables(kind,
            byDimension[BreakdownBy.Gender].Where(r => r.Kind == kind && ValueOf(r, BreakdownBy.Gender) is null).ToList(),
            BreakdownBy.All.Select(dimension => new ParticipationTable(dimension,
                byDimension[dimension].Where(r => r.Kind == kind && ValueOf(r, dimension) is not null).ToList())).ToList())).ToList();
        return new ParticipationTables(month, options.SuppressionThreshold, kinds) { People = people, Census = census ?? CensusShares.None };
    }

    /// <summary>The row's value for <paramref name="dimension"/> (null on a total row).</summary>
    public static string? ValueOf(ParticipationRow row, string dimension) => dimension switch
    {
        BreakdownBy.Gender => row.Gender,
        BreakdownBy.Age => row.Age,
        _ => row.Place,
    };
}

/// <summary>A kind's totals (one row per column, no dimension) and its table for each dimension.</summary>
public sealed record ParticipationKindTables(string Kind, IReadOnlyList<ParticipationRow> Totals, IReadOnlyList<ParticipationTable> Tables)
{
    /// <summary>The total of <paramref name="channel"/> (<c>all</c> or a channel), or null when it is suppressed.</summary>
    public long? Total(string channel) => Totals.FirstOrDefault(r => r.Channel == channel)?.Count;
}

/// <summary>One dimension's rows for every column.</summary>
public sealed record ParticipationTable(string Dimension, IReadOnlyList<ParticipationRow> Rows)
{
    /// <summary>The dimension's values in the order the reader gave them (the grid's order: genders, bands, places, then unknown).</summary>
    public IReadOnlyList<string> Values => Rows.Select(r => ParticipationTables.ValueOf(r, Dimension)!).Distinct(StringComparer.Ordinal).ToList();

    public ParticipationRow? Cell(string value, string channel) =>
        Rows.FirstOrDefault(r => r.Channel == channel && ParticipationTables.ValueOf(r, Dimension) == value);

    /// <summary>
    /// The cell's share of its column's total, in whole percent, from shown figures only: null when the cell or the total
    /// is hidden (a share of a hidden total would give it back), or when the total is zero.
    /// </summary>
    public static int? Share(long? count, long? total) =>
        count is { } c && total is > 0 ? (int)Math.Round(100.0 * c / total.Value, MidpointRounding.AwayFromZero) : null;
}
