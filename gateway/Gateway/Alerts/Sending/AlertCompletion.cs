using Gateway.Alerts.Storage;
using Gateway.Contracts;
using MassTransit;
using Gateway.Conversations;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Publishes <see cref="AlertCompleted"/>. Only the caller whose atomic transition ended the alert (done or cancelled)
/// calls it, so it goes out once across replicas; its MessageId is derived from the alert id, so a retry after a crash
/// between publish and mark is de-duplicated downstream.
/// </summary>
public sealed class AlertCompletion(IAlertStore store, IBus bus, TimeProvider clock)
{
    public async Task PublishAsync(string alertId, CancellationToken cancellationToken)
    {
        var definition = await store.GetDefinitionAsync(alertId, cancellationToken);
        var progress = await store.GetProgressAsync(alertId, cancellationToken);
        if (definition is null || progress is null || !AlertStatus.IsFinal(progress.Status)) return;
        var counts = await store.GetCountsAsync(alertId, cancellationToken);
        var completed = new AlertCompleted(alertId, definition.Commune, progress.Status, counts.Targeted, counts.Sent, counts.Delivered, counts.Failed,
            counts.Skipped, progress.CompletedAt ?? clock.GetUtcNow());
        await bus.Publish(completed, ctx => ctx.MessageId = EventIds.Deterministic(nameof(AlertCompleted), alertId), cancellationToken);
        await store.MarkCompletionPublishedAsync(alertId, cancellationToken);
    }

    /// <summary>
    /// For an alert that ended over a minute ago and whose completion is still not marked published (the publisher crashed or
    /// the broker failed between the transition and the publish): publish it now. The minute keeps this from racing the
    /// publisher that won the transition; the deterministic MessageId covers the rare double.
    /// </summary>
    public async Task EnsurePublishedAsync(string alertId, CancellationToken cancellationToken)
    {
        if (await store.GetProgressAsync(alertId, cancellationToken) is { CompletionPublished: false, CompletedAt: { } at } p
            && AlertStatus.IsFinal(p.Status) && clock.GetUtcNow() - at > TimeSpan.FromMinutes(1))
            await PublishAsync(alertId, cancellationToken);
    }
}
