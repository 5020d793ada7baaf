using Gateway.Communes;
using Gateway.Conversations.Ports;

namespace Gateway.Polls;

/// <summary>
/// The polls a replica knows, read synchronously by the conversation engine (flow sources and actions are synchronous).
/// A snapshot of <see cref="IPollStore"/>, updated at once by this replica's own writes and brought up to date before
/// every conversation step (<see cref="IRoutingSnapshot"/>: one read of the store's version, a refresh only when another
/// replica changed a poll), so a poll created or closed on any replica is votable or closed on every replica at once.
/// <see cref="PollScheduler"/> also refreshes it every few seconds for the closer. Closing by <c>closesAt</c> needs no
/// refresh at all (every replica compares the time itself).
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

public sealed class PollDirectory(IPollStore store, CommuneRegistry communes, TimeProvider clock) : IPollDirectory, IRoutingSnapshot
{
    private readonly Lock _gate = new();
    // One refresh at a time: a burst of steps meeting the same new version waits for one refresh, not one each.
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile IReadOnlyDictionary<string, Poll> _polls = new Dictionary<string, Poll>(StringComparer.Ordinal);
    // The store's version the snapshot holds every change of; -1 until the first refresh.
    private long _version = -1;

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

    /// <summary>
    /// Refreshes the snapshot when the store's version moved since the last refresh: a change another replica finished
    /// writing before this read is in the snapshot when this returns.
    /// </summary>
    public async ValueTask EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var version = await store.ReadVersionAsync(cancellationToken);
        if (version == Interlocked.Read(ref _version)) return;
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // Another step may have refreshed past this version while this one waited.
            if (version == Interlocked.Read(ref _version)) return;
            await RefreshUnlockedAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Replaces the snapshot with what the store holds (every commune of the registry).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await RefreshUnlockedAsync(cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshUnlockedAsync(CancellationToken cancellationToken)
    {
        // The version first: every change it counts was written before it moved, so the list read next holds them all.
        // A change landing between the two reads is listed or not; either way the next check sees a newer version.
        var version = await store.ReadVersionAsync(cancellationToken);
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
        Interlocked.Exchange(ref _version, version);
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
