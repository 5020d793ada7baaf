namespace Gateway.Bus;

/// <summary>
/// A nudge for the <see cref="OutboxRelay"/>: call <see cref="Notify"/> after a commit that wrote events so they go out
/// now rather than at the next idle poll. Cheap and idempotent: many nudges before the relay wakes count as one.
/// Forgetting it loses nothing: the relay also polls.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _nudge = new(0, 1);

    public void Notify()
    {
        try
        {
            _nudge.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged and not yet woken: one wake-up serves all.
        }
    }

    /// <summary>Waits for a nudge or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _nudge.WaitAsync(timeout, cancellationToken);
}
