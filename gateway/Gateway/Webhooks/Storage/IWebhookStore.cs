namespace Gateway.Webhooks.Storage;

/// <summary>
/// Subscriptions and their deliveries, in the shared store (Redis) or in memory. The deliveries are a durable queue:
/// a delivery is written once per event and subscription (a second write of the same id changes nothing), waits in a
/// due index until its next attempt, is claimed for a while by the replica that sends it (a replica that dies lets it
/// come due again), and stays readable for the retention time once finished.
/// </summary>
public interface IWebhookStore
{
    Task<bool> TryAddSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    Task SaveSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken);

    Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every subscription, deleted ones included.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>Queues the delivery unless one with its id exists (false): applying the same event twice sends it once.</summary>
    Task<bool> TryEnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> deliveries due at <paramref name="now"/>, each hidden from other claims until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Writes the delivery back: pending ones come due at their next attempt; finished ones leave the queue and expire after <paramref name="retention"/>.</summary>
    Task SaveDeliveryAsync(WebhookDelivery delivery, TimeSpan retention, CancellationToken cancellationToken);

    Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken);

    /// <summary>The subscription's latest deliveries, newest first (those not yet expired).</summary>
    Task<IReadOnlyList<WebhookDelivery>> RecentDeliveriesAsync(string subscriptionId, int max, CancellationToken cancellationToken);
}
