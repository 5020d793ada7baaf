namespace Gateway.Webhooks.Storage;

/// <summary>The embedded default: the same queue in this process's memory (lost with it, like every in-memory store).</summary>
public sealed class InMemoryWebhookStore(TimeProvider clock) : IWebhookStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WebhookSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (WebhookDelivery Delivery, DateTimeOffset? ExpiresAt)> _deliveries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<string>> _recent = new(StringComparer.Ordinal);

    public Task<bool> TryAddSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_subscriptions.TryAdd(subscription.Id, subscription));
    }

    public Task SaveSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        lock (_gate) _subscriptions[subscription.Id] = subscription;
        return Task.CompletedTask;
    }

    public Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_subscriptions.GetValueOrDefault(id));
    }

    public Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<WebhookSubscription>>([.. _subscriptions.Values.OrderBy(s => s.CreatedAt)]);
    }

    public Task<bool> TryEnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Live(delivery.Id) is not null) return Task.FromResult(false);
            _deliveries[delivery.Id] = (delivery, null);
            _due[delivery.Id] = delivery.NextAttemptAt;
            if (!_recent.TryGetValue(delivery.SubscriptionId, out var recent)) _recent[delivery.SubscriptionId] = recent = new LinkedList<string>();
            recent.AddFirst(delivery.Id);
            if (recent.Count > WebhookStoreLimits.RecentPerSubscription) recent.RemoveLast();
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var ids = _due.Where(d => d.Value <= now).OrderBy(d => d.Value).Take(max).Select(d => d.Key).ToList();
            foreach (var id in ids) _due[id] = leaseUntil;
            return Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. ids.Select(id => _deliveries[id].Delivery)]);
        }
    }

    public Task SaveDeliveryAsync(WebhookDelivery delivery, TimeSpan retention, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var pending = delivery.State == DeliveryState.Pending;
            _deliveries[delivery.Id] = (delivery, pending ? null : clock.GetUtcNow() + retention);
            if (pending) _due[delivery.Id] = delivery.NextAttemptAt;
            else _due.Remove(delivery.Id);
        }
        return Task.CompletedTask;
    }

    public Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(Live(id));
    }

    public Task<IReadOnlyList<WebhookDelivery>> RecentDeliveriesAsync(string subscriptionId, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_recent.TryGetValue(subscriptionId, out var recent)) return Task.FromResult<IReadOnlyList<WebhookDelivery>>([]);
            return Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. recent.Select(Live).OfType<WebhookDelivery>().Take(max)]);
        }
    }

    private WebhookDelivery? Live(string id)
    {
        if (!_deliveries.TryGetValue(id, out var entry)) return null;
        if (entry.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            _deliveries.Remove(id);
            return null;
        }
        return entry.Delivery;
    }
}

internal static class WebhookStoreLimits
{
    /// <summary>Deliveries remembered per subscription for the console and the API (older ones are only in the queue, if pending).</summary>
    public const int RecentPerSubscription = 200;
}
