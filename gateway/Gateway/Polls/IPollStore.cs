namespace Gateway.Polls;

/// <summary>Poll definitions and their closing: Redis when <c>ConnectionStrings:Redis</c> is set, else in memory.</summary>
public interface IPollStore
{
    /// <summary>
    /// Stores a new poll if its keyword is free in its commune: free, or held by a poll for which
    /// <paramref name="holdsKeyword"/> is false (closed). Atomic across replicas; false = the keyword is taken.
    /// </summary>
    Task<bool> TryCreateAsync(PollDefinition poll, Func<Poll, bool> holdsKeyword, CancellationToken cancellationToken);

    Task<Poll?> GetAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>The polls of these communes (the directory refresh reads every commune of the registry).</summary>
    Task<IReadOnlyList<Poll>> ListAsync(IEnumerable<string> communes, CancellationToken cancellationToken);

    /// <summary>Marks the poll closed at <paramref name="at"/> unless already closed; returns the poll as stored (null if unknown).</summary>
    Task<Poll?> CloseAsync(string pollId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the texts and closing time of a poll not closed by hand (its id, commune and keyword are unchanged); the
    /// version moves so that every replica's directory takes it. False when the poll is unknown or was closed meanwhile.
    /// </summary>
    Task<bool> ReplaceDefinitionAsync(PollDefinition poll, CancellationToken cancellationToken);

    /// <summary>Records the final tallies unless already recorded.</summary>
    Task SetFinalTalliesAsync(string pollId, IReadOnlyList<long> tallies, CancellationToken cancellationToken);

    /// <summary>
    /// A number that changes once a poll has been created, closed or given its final tallies, on any replica (the write
    /// is complete before the number moves): what <see cref="PollDirectory"/> compares, on every step, to know its
    /// snapshot is current. One small read.
    /// </summary>
    ValueTask<long> ReadVersionAsync(CancellationToken cancellationToken);
}
