using Gateway.Alerts.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Sends one batch of an alert, <c>Alerts:SendParallelism</c> contacts at a time, then marks the batch done (which may
/// complete the alert). A batch arriving in quiet hours is parked and the alert held until morning; one arriving for a
/// cancelled alert is only marked done.
/// </summary>
public sealed class SendAlertBatchConsumer(
    IAlertStore store,
    AlertContactSender sender,
    AlertCalendar calendar,
    AlertCompletion completion,
    TimeProvider clock,
    IOptions<AlertsOptions> options) : IConsumer<SendAlertBatch>
{
    public async Task Consume(ConsumeContext<SendAlertBatch> context)
    {
        var batch = context.Message;
        var ct = context.CancellationToken;
        var alert = await store.GetDefinitionAsync(batch.AlertId, ct);
        if (alert is null) return;

        var status = await store.StatusAsync(alert.Id, ct);
        if (status is not (AlertStatus.Cancelled or AlertStatus.Done))
        {
            if (calendar.QuietUntil(alert, clock.GetUtcNow()) is { } until)
            {
                await store.HoldBatchAsync(alert.Id, batch, until, ct);
                return;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Parallel.ForEachAsync(batch.ContactIds,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.SendParallelism), CancellationToken = ct },
                async (contactId, token) =>
                {
                    if (stop.IsCancellationRequested) return;
                    if (!await sender.SendAsync(alert, contactId, token)) await stop.CancelAsync();
                });
        }

        if (await store.CompleteBatchAsync(alert.Id, batch.Batch, clock.GetUtcNow(), ct)) await completion.PublishAsync(alert.Id, ct);
        else await completion.EnsurePublishedAsync(alert.Id, ct);
    }
}

/// <summary>
/// A few batches at once per replica; Redis or provider hiccups retried in place (claims keep retries from doubling
/// sends). The retries span about two and a half minutes, longer than a Sentinel failover on a loaded host (the
/// redis-master drill saw a batch fault after 13 s of retries, leaving its contacts unsent).
/// </summary>
public sealed class SendAlertBatchConsumerDefinition : ConsumerDefinition<SendAlertBatchConsumer>
{
    public SendAlertBatchConsumerDefinition(IOptions<AlertsOptions> options) =>
        ConcurrentMessageLimit = Math.Max(1, options.Value.BatchConcurrency);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SendAlertBatchConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
}
