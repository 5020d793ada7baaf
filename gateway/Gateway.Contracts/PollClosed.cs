namespace Gateway.Contracts;

/// <summary>A poll closed (by its end time or by hand) with its final tallies (v1). Published exactly once per poll.</summary>
/// <param name="Tallies">Votes per option, index 0 = option 1.</param>
public sealed record PollClosed(
    string PollId,
    string Commune,
    IReadOnlyList<long> Tallies,
    long Total,
    DateTimeOffset ClosedAt)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
