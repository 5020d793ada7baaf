using Gateway.Bus;
using Gateway.Contracts;

namespace Gateway.Feedback;

/// <summary>
/// Keeps the desk's per-commune indexes from the desk's own events, as the outbox relay reads them and before it publishes
/// them: a report is listed once its commit's events reach the relay, whether or not RabbitMQ is up. The index lives in
/// the commune's Redis Cluster slot and the report in its contact's, so no single script could write both; the relay
/// re-applies a projection until it succeeds, and re-indexing from the report as stored now is idempotent.
/// </summary>
public sealed class FeedbackIndexProjection(IFeedbackStore store) : IOutboxProjection
{
    public Task ApplyAsync(object message, CancellationToken cancellationToken) => message switch
    {
        FeedbackReceived m => ReindexAsync(m.Reference, cancellationToken),
        FeedbackStatusChanged m => ReindexAsync(m.Reference, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task ReindexAsync(string reference, CancellationToken cancellationToken)
    {
        // Absent: an event from before the desk existed, or a report since erased; nothing to index.
        if (await store.GetReportAsync(reference, cancellationToken) is { } stored) await store.IndexAsync(stored.Report, cancellationToken);
    }
}
