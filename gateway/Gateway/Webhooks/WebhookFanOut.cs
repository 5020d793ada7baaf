using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Alerts;
using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Webhooks.Storage;

namespace Gateway.Webhooks;

/// <summary>
/// Feeds the deliveries from the one place every committed event passes once (the outbox relay, as a projection): for
/// each event a subscription wants, one delivery is queued, in the same round that puts the event on the bus. Queuing is
/// all it does, so a subscriber that is down slows neither the relay nor the webhooks the providers call.
/// Idempotent, as a projection must be: the delivery's id is derived from the subscription and the event's content, so
/// an event the relay applies again queues nothing new.
/// </summary>
public sealed class WebhookFanOut(
    WebhookDirectory directory, IWebhookStore store, AlertService alerts, WebhookBreaker breaker, WebhookSignal signal, TimeProvider clock)
    : IOutboxProjection
{
    public async Task ApplyAsync(object message, CancellationToken cancellationToken)
    {
        var type = message.GetType().Name;
        if (!WebhookEvents.IsKnown(type)) return;
        var subscriptions = await directory.ActiveAsync(cancellationToken);
        if (!subscriptions.Any(s => s.Wants(type))) return;

        var commune = WebhookEvents.CommuneOf(message)
                      ?? (message is MessageStatusChanged { AlertId: { } alertId } ? (await alerts.FindAsync(alertId, cancellationToken))?.Commune : null);
        var data = JsonSerializer.Serialize(message, message.GetType(), WebhookJson.Wire);
        var now = clock.GetUtcNow();
        var queued = false;
        foreach (var subscription in subscriptions.Where(s => s.Wants(type) && Reaches(s, message, commune)))
        {
            var id = DeliveryId(subscription.Id, type, data);
            var body = $$"""{"type":{{JsonSerializer.Serialize(type)}},"timestamp":{{JsonSerializer.Serialize(now.UtcDateTime)}},"data":{{data}}}""";
            // A paused (failing) subscriber's new deliveries wait for the pause's end instead of being claimed and put back.
            var delivery = new WebhookDelivery(id, subscription.Id, type, body, now) { NextAttemptAt = breaker.PausedUntil(subscription.Id, now) ?? now };
            queued |= await store.TryEnqueueAsync(delivery, cancellationToken);
        }
        if (queued) signal.Notify();
    }

    /// <summary>
    /// A commune's subscription gets its commune's events; a programme-wide one (no commune) gets every event; an erasure
    /// goes to every subscription that asked for it (see <see cref="WebhookEvents.CommuneOf"/>).
    /// </summary>
    public static bool Reaches(WebhookSubscription subscription, object message, string? commune) =>
        message is ContactErased || subscription.Commune is null || string.Equals(subscription.Commune, commune, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>msg_</c> + 32 hex digits of SHA-256 over the subscription, the type and the event's JSON.</summary>
    internal static string DeliveryId(string subscriptionId, string type, string data) =>
        "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriptionId}\n{type}\n{data}")))[..32];
}
