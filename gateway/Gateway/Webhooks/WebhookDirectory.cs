using Gateway.Webhooks.Storage;

namespace Gateway.Webhooks;

/// <summary>
/// The subscriptions as the fan-out reads them for every event the relay passes: read from the store at most every
/// couple of seconds (an event with no subscriber costs no round trip), at once after a change made on this replica.
/// Another replica's change is seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class WebhookDirectory(IWebhookStore store, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyList<WebhookSubscription> Active, long ReadAt);

    public async ValueTask<IReadOnlyList<WebhookSubscription>> ActiveAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_snapshot is { } snapshot && clock.GetElapsedTime(snapshot.ReadAt, now) < MaxAge) return snapshot.Active;
        var all = await store.ListSubscriptionsAsync(cancellationToken);
        var fresh = new Snapshot([.. all.Where(s => s.State == WebhookState.Active)], now);
        _snapshot = fresh;
        return fresh.Active;
    }

    /// <summary>Forget the snapshot: the next read goes to the store.</summary>
    public void Changed() => _snapshot = null;
}
