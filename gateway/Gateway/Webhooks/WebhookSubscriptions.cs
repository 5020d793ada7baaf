using Gateway.Admin;
using Gateway.Communes;
using Gateway.Webhooks.Storage;

namespace Gateway.Webhooks;

/// <summary>
/// What the API and the console do with subscriptions, for a caller: a commune's key or session sees and manages only
/// its commune's (another commune's subscription does not exist for it); the programme sees every one and may subscribe
/// to every commune at once (no commune).
/// </summary>
public sealed class WebhookSubscriptions(IWebhookStore store, WebhookDirectory directory, WebhookUrlGuard guard, CommuneRegistry communes, TimeProvider clock)
{
    public const int MaxDeliveriesListed = 50;

    /// <summary>Validates and stores the subscription; the errors per field, or the created subscription (its secret in clear, this once).</summary>
    public async Task<(WebhookSubscription? Created, Dictionary<string, string[]> Errors, bool UnknownCommune)> CreateAsync(
        AdminCaller caller, WebhookRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        string? commune = null;
        var wanted = string.IsNullOrWhiteSpace(request.Commune) ? caller.Commune : request.Commune.Trim();
        if (wanted is not null)
        {
            if (communes.Find(wanted) is not { } known || !caller.CanSee(known.Id)) return (null, errors, true);
            commune = known.Id;
        }

        if (await guard.RefusalAsync(request.Url?.Trim(), cancellationToken) is { } refusal) errors["url"] = [refusal];
        var events = (request.Events ?? []).Select(e => e?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0) errors["events"] = ["Name at least one event: " + string.Join(", ", WebhookEvents.Names) + "."];
        else if (events.Where(e => !WebhookEvents.IsKnown(e)).ToList() is { Count: > 0 } unknown)
            errors["events"] = [$"Unknown event{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}: the events are " + string.Join(", ", WebhookEvents.Names) + "."];
        if (errors.Count > 0) return (null, errors, false);

        var subscription = new WebhookSubscription(NewId(), request.Url!.Trim(), events, commune, WebhookSecrets.Create(), caller.Name, clock.GetUtcNow());
        while (!await store.TryAddSubscriptionAsync(subscription, cancellationToken)) subscription = subscription with { Id = NewId() };
        directory.Changed();
        return (subscription, errors, false);
    }

    /// <summary>The caller's subscriptions (a commune's, or, for the programme, those of <paramref name="commune"/> or all), deleted ones left out.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(AdminCaller caller, string? commune, CancellationToken cancellationToken) =>
        [.. (await store.ListSubscriptionsAsync(cancellationToken))
            .Where(s => s.State != WebhookState.Deleted && caller.CanSee(s.Commune) && (caller.Commune is not null || s.Commune is null || commune is null
                || string.Equals(s.Commune, commune, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The subscription if this caller may see it (a programme-wide one is the programme's only).</summary>
    public async Task<WebhookSubscription?> FindAsync(AdminCaller caller, string id, CancellationToken cancellationToken) =>
        await store.GetSubscriptionAsync(id, cancellationToken) is { } s && (caller.IsProgramme || s.Commune is not null && caller.CanSee(s.Commune)) ? s : null;

    /// <summary>Deletes it (idempotent: a deleted subscription deletes again); its queued deliveries are not sent.</summary>
    public async Task DeleteAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        if (subscription.State == WebhookState.Deleted) return;
        await store.SaveSubscriptionAsync(subscription with { State = WebhookState.Deleted, StoppedAt = clock.GetUtcNow(), StopReason = null }, cancellationToken);
        directory.Changed();
    }

    /// <summary>Re-enables a stopped subscription; false when it was deleted.</summary>
    public async Task<WebhookSubscription?> EnableAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        if (subscription.State == WebhookState.Deleted) return null;
        var enabled = subscription with { State = WebhookState.Active, StoppedAt = null, StopReason = null };
        await store.SaveSubscriptionAsync(enabled, cancellationToken);
        directory.Changed();
        return enabled;
    }

    public Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(WebhookSubscription subscription, int max, CancellationToken cancellationToken) =>
        store.RecentDeliveriesAsync(subscription.Id, max, cancellationToken);

    /// <summary>Queues the delivery again, now, with its attempts counted afresh (same id and body: the partner can tell a repeat); null when unknown.</summary>
    public async Task<WebhookDelivery?> ReplayAsync(WebhookSubscription subscription, string deliveryId, CancellationToken cancellationToken)
    {
        if (await store.GetDeliveryAsync(deliveryId, cancellationToken) is not { } delivery || delivery.SubscriptionId != subscription.Id) return null;
        var now = clock.GetUtcNow();
        var replayed = delivery with { State = DeliveryState.Pending, Attempts = 0, NextAttemptAt = now, QueuedAt = now, LastError = null, LastStatus = null };
        await store.SaveDeliveryAsync(replayed, TimeSpan.Zero, cancellationToken);
        return replayed;
    }

    private static string NewId() => "wh_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
}

/// <param name="Url">Where deliveries are POSTed (https in production; no private address unless configured).</param>
/// <param name="Events">Event names, as the bus contracts name them (<c>FeedbackReceived</c>, ...).</param>
/// <param name="Commune">The commune whose events are wanted; a commune key may leave it out (its own); the programme leaves it out for every commune.</param>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string?>? Events, string? Commune);
