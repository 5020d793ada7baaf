namespace Gateway.Bus;

/// <summary>
/// A nudge for the <see cref="OutboxRelay"/>: call <see cref="Notify"/> after a commit that wrote events so they go out
/// now rather than at the next idle poll. Cheap and idempotent: many nudges before the relay wakes count as one.
/// Forgetting it loses nothing: the relay also polls.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _nudge = new(0);
    private int _pending;

    /// <summary>
    /// Called on every commit with events, so it must stay cheap: only the first nudge since the relay last woke releases
    /// the semaphore (no full-semaphore exception per commit under load). A stray extra release costs one empty read.
    /// </summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) _nudge.Release();
    }

    /// <summary>Waits for a nudge or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _nudge.WaitAsync(timeout, cancellationToken);
        // Cleared before the relay reads: a commit nudging after this is seen by that read or wakes the next wait.
        Volatile.Write(ref _pending, 0);
    }
}
