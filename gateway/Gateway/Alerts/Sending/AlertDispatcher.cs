using Gateway.Alerts.Storage;
using Gateway.Contacts;
using MassTransit;
using Microsoft.Extensions.Options;
using Gateway.Conversations;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Turns a due alert into <see cref="SendAlertBatch"/> messages: streams the audience one SSCAN page at a time (never the
/// whole set), publishes each page as a batch and saves the cursor after it, so a replica taking over a dead one's lease
/// resumes where it stopped (a page published twice carries the same batch number and MessageId; claims make it harmless).
/// Quiet hours hold the alert; reminders of a cancelled or vanished parent are cancelled.
/// <para>The dispatch runs at most <see cref="AlertsOptions.DispatchWindow"/> batches ahead of the batches done: the audience
/// waits in its store, not in the bus (the in-memory transport's queue, or the broker's), so memory holds a window of
/// recipients however large the audience (a 1,000,000-recipient alert no longer queues 2,000 batches at once). A batch that
/// never completes (gone to the error queue) holds the window only for <see cref="AlertsOptions.DispatchStall"/>.</para>
/// </summary>
public sealed partial class AlertDispatcher(
    IAlertStore store,
    IAudienceStore audience,
    IBus bus,
    AlertCalendar calendar,
    AlertCompletion completion,
    TimeProvider clock,
    IOptions<AlertsOptions> options,
    AlertSegments segments,
    ILogger<AlertDispatcher> logger)
{
    private readonly AlertsOptions _options = options.Value;

    public async Task RunAsync(string alertId, string owner, CancellationToken cancellationToken)
    {
        var alert = await store.GetDefinitionAsync(alertId, cancellationToken);
        var progress = await store.GetProgressAsync(alertId, cancellationToken);
        if (alert is null || progress is null || AlertStatus.IsFinal(progress.Status))
        {
            await store.UnscheduleAsync(alertId, cancellationToken);
            if (progress is not null) await completion.EnsurePublishedAsync(alertId, cancellationToken);
            else await RescheduleIfCreatedMeanwhileAsync(alertId, cancellationToken);
            return;
        }

        if (alert.ParentId is { } parentId && await store.StatusAsync(parentId, cancellationToken) is null or AlertStatus.Cancelled)
        {
            if (await store.CancelAsync(alertId, clock.GetUtcNow(), cancellationToken)) await completion.PublishAsync(alertId, cancellationToken);
            return;
        }

        if (calendar.QuietUntil(alert, clock.GetUtcNow()) is { } quietUntil)
        {
            LogHeld(alertId, quietUntil);
            await store.HoldAsync(alertId, quietUntil, cancellationToken);
            return;
        }

        // A segment is counted again at its send time (not when a dispatch resumes: its first recipients are already sent).
        if (progress.Status == AlertStatus.Scheduled && alert.Segment is not null && !await segments.StillLargeEnoughAsync(alert, cancellationToken))
        {
            LogSegmentTooSmall(alertId, segments.Threshold);
            if (await store.CancelAsync(alertId, clock.GetUtcNow(), cancellationToken))
            {
                await store.CountAsync(alertId, [(AlertCounters.CancelledSegmentTooSmall, 1)], cancellationToken);
                await completion.PublishAsync(alertId, cancellationToken);
            }
            return;
        }

        if (await store.StartSendingAsync(alertId, cancellationToken) != AlertStatus.Sending) return;
        foreach (var held in await store.TakeHeldBatchesAsync(alertId, cancellationToken))
            await PublishAsync(held, cancellationToken);

        var cursor = progress.Cursor;
        var batches = progress.Batches;
        var dispatched = progress.Dispatched;
        var window = new DispatchWindow(progress.BatchesDone, Math.Max(1, _options.DispatchWindow), _options.DispatchStall);
        while (!dispatched)
        {
            if (await store.StatusAsync(alertId, cancellationToken) != AlertStatus.Sending) return; // cancelled, or paused by a batch
            if (calendar.QuietUntil(alert, clock.GetUtcNow()) is { } until)
            {
                await store.HoldAsync(alertId, until, cancellationToken);
                return;
            }
            if (!await store.TryLeaseAsync(alertId, owner, _options.LeaseDuration, cancellationToken)) return; // lost it: another replica goes on
            if (window.Full(batches) && !window.Moved(await store.GetProgressAsync(alertId, cancellationToken), batches, Environment.TickCount64))
            {
                // Consumers are behind: wait for them (the loop above renews the lease and sees a cancel meanwhile).
                await Task.Delay(WindowPoll, cancellationToken);
                continue;
            }

            var page = await audience.ScanAsync(alert.Commune, alert.Topic, cursor, _options.BatchSize, cancellationToken);
            if (page.ContactIds.Count > 0)
                await PublishAsync(new SendAlertBatch(alertId, ++batches, page.ContactIds), cancellationToken);
            dispatched = page.Done;
            cursor = page.Cursor;
            if (dispatched) break;
            await store.SaveDispatchAsync(alertId, cursor, batches, false, clock.GetUtcNow(), cancellationToken);
        }

        if (await store.SaveDispatchAsync(alertId, cursor, batches, true, clock.GetUtcNow(), cancellationToken))
            await completion.PublishAsync(alertId, cancellationToken);
        LogDispatched(alertId, batches);
    }

    /// <summary>How often a dispatch waiting for its window looks at the batches done.</summary>
    private static readonly TimeSpan WindowPoll = TimeSpan.FromMilliseconds(20);

    private Task PublishAsync(SendAlertBatch batch, CancellationToken cancellationToken) =>
        bus.Publish(batch, ctx => ctx.MessageId = EventIds.Deterministic(nameof(SendAlertBatch), batch.AlertId + ":" + batch.Batch), cancellationToken);

    /// <summary>
    /// An entry without a definition is stale, or an alert being created on another replica: its schedule entry is
    /// written before its keys (another slot) and again after them, and a removal landing after that second write left
    /// the alert "scheduled" for ever (the drills saw it twice). Read again after the removal: an alert that exists now
    /// goes back on the schedule; one created later writes its own entry after this removal.
    /// </summary>
    private async Task RescheduleIfCreatedMeanwhileAsync(string alertId, CancellationToken cancellationToken)
    {
        if (await store.GetDefinitionAsync(alertId, cancellationToken) is not { } created) return;
        if (await store.GetProgressAsync(alertId, cancellationToken) is not { } progress || AlertStatus.IsFinal(progress.Status)) return;
        await store.ScheduleAsync(alertId, created.SendAt, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} held by quiet hours until {Until}")]
    private partial void LogHeld(string alertId, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} cancelled at its send time: its segment has fewer than {Threshold} people now")]
    private partial void LogSegmentTooSmall(string alertId, int threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} dispatched in {Batches} batches")]
    private partial void LogDispatched(string alertId, long batches);
}
