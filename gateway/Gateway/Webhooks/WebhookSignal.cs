namespace Gateway.Webhooks;

/// <summary>Wakes the dispatcher when a delivery was queued or came free, instead of at its next poll.</summary>
public sealed class WebhookSignal
{
    private readonly SemaphoreSlim _nudge = new(0);
    private int _pending;

    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) _nudge.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _nudge.WaitAsync(timeout, cancellationToken);
        Volatile.Write(ref _pending, 0);
    }
}
