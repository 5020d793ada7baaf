using Gateway.Admin.Audit;
using Gateway.Webhooks.Storage;

namespace Gateway.Webhooks;

/// <summary>
/// Stops a subscription whose deliveries kept failing: marks it (the console shows the notice and the reason), records
/// an audit entry (<c>webhook.stopped</c>, by the gateway itself) and logs a warning. Nothing more is queued for it until
/// someone re-enables it; its failed deliveries stay listed, each replayable.
/// </summary>
public sealed partial class WebhookStopper(IWebhookStore store, WebhookDirectory directory, IAuditLog audit, TimeProvider clock, ILogger<WebhookStopper> logger)
{
    /// <summary>The audit entry's actor and surface: the gateway acting on its own, not a key.</summary>
    public const string Actor = "gateway";

    public const string StoppedAction = "webhook.stopped";

    public async Task StopAsync(WebhookSubscription subscription, WebhookDelivery lastFailure, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hours = (now - lastFailure.QueuedAt).TotalHours;
        var reason = $"Deliveries failed for {hours:0.#} h ({lastFailure.Attempts} attempts); last: {lastFailure.LastError}";
        var current = await store.GetSubscriptionAsync(subscription.Id, cancellationToken) ?? subscription;
        if (current.State != WebhookState.Active) return;
        await store.SaveSubscriptionAsync(current with { State = WebhookState.Stopped, StoppedAt = now, StopReason = reason }, cancellationToken);
        directory.Changed();
        WebhookMetrics.Stopped.Inc();
        LogStopped(subscription.Id, subscription.Commune ?? "*", reason);
        await audit.RecordAsync(new AuditEntry(now, Actor, subscription.Commune, "system", StoppedAction, $"id={subscription.Id}", 200)
        {
            Surface = Actor,
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} of {Commune} stopped: {Reason}")]
    private partial void LogStopped(string subscriptionId, string commune, string reason);
}
