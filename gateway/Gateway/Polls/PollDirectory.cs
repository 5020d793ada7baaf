using Gateway.Communes;

namespace Gateway.Polls;

/// <summary>
/// The polls a replica knows, read synchronously by the conversation engine (flow sources and actions are synchronous).
/// A snapshot refreshed from <see cref="IPollStore"/> by <see cref="PollScheduler"/> every few seconds, and updated at once
/// by this replica's own writes. Another replica's new poll or manual close is seen within one refresh; closing by
/// <c>closesAt</c> needs no refresh at all (every replica compares the time itself).
/// </summary>
public interface IPollDirectory
{
    Poll? Find(string pollId);

    /// <summary>
    /// The open polls of a commune, oldest first: the seam for the USSD root menu (each poll's flow id is
    /// <see cref="PollFlows.FlowId"/>; a menu option <c>next: "@" + flowId</c> starts it).
    /// </summary>
    IReadOnlyList<Poll> OpenPollsFor(string commune);
}

public sealed class PollDirectory(IPollStore store, CommuneRegistry communes, TimeProvider clock) : IPollDirectory
{
    private readonly Lock _gate = new();
    private volatile IReadOnlyDictionary<string, Poll> _polls = new Dictionary<string, Poll>(StringComparer.Ordinal);

    public IReadOnlyCollection<Poll> All => (IReadOnlyCollection<Poll>)_polls.Values;

    public Poll? Find(string pollId) => _polls.GetValueOrDefault(pollId);

    public IReadOnlyList<Poll> OpenPollsFor(string commune)
    {
        var now = clock.GetUtcNow();
        return _polls.Values
            .Where(p => string.Equals(p.Commune, commune, StringComparison.OrdinalIgnoreCase) && p.StatusAt(now) == PollStatus.Open)
            .OrderBy(p => p.Definition.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The poll a normalised keyword names in a commune: the one holding it (open or scheduled), else the one that
    /// closed last (so late voters hear "closed", with the results).
    /// </summary>
    public Poll? ForKeyword(string commune, string normalizedKeyword, DateTimeOffset now)
    {
        Poll? best = null;
        foreach (var poll in _polls.Values)
        {
            if (poll.Definition.NormalizedKeyword != normalizedKeyword
                || !string.Equals(poll.Commune, commune, StringComparison.OrdinalIgnoreCase)) continue;
            if (poll.HoldsKeyword(now)) return poll;
            if (best is null || poll.EffectiveClose > best.EffectiveClose) best = poll;
        }
        return best;
    }

    /// <summary>Replaces the snapshot with what the store holds (every commune of the registry).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var polls = await store.ListAsync(communes.All.Select(c => c.Id), cancellationToken);
        lock (_gate)
        {
            // Polls only ever gain facts (created, closed, final tallies), never lose them: merging keeps a write this
            // replica made while the read was in flight.
            var merged = polls.ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (var (id, known) in _polls)
                if (!merged.TryGetValue(id, out var read) || Facts(known) > Facts(read)) merged[id] = known;
            _polls = merged;
        }
    }

    private static int Facts(Poll poll) => (poll.ClosedAt is null ? 0 : 1) + (poll.FinalTallies is null ? 0 : 2);

    /// <summary>Takes this replica's own write into the snapshot at once.</summary>
    public void Put(Poll poll)
    {
        lock (_gate)
        {
            if (_polls.TryGetValue(poll.Id, out var known) && Facts(known) > Facts(poll)) return;
            _polls = new Dictionary<string, Poll>(_polls, StringComparer.Ordinal) { [poll.Id] = poll };
        }
    }
}
