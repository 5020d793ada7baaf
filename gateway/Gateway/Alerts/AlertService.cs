using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.Alerts.Storage;
using Gateway.Conversations;

namespace Gateway.Alerts;

/// <summary>What the API and the bus command share: create (with reminders), read, cancel.</summary>
public sealed class AlertService(IAlertStore store, AlertCompletion completion, AlertSchedulerSignal scheduler, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Profiles.ProfilesOptions> profiles, Profiles.Places.PlaceDirectory places)
{
    /// <summary>
    /// Creates the alert and its reminders. With a request id the alert id is derived from (commune, request id), so the
    /// same request creates nothing the second time and returns the first alert (Created = false).
    /// </summary>
    public async Task<(AlertDefinition Alert, bool Created)> CreateAsync(ComposedAlert composed, string createdBy, CancellationToken cancellationToken)
    {
        var id = composed.RequestId is { Length: > 0 } requestId
            ? "al-" + EventIds.Deterministic("Alert", composed.Commune + ":" + requestId).ToString("N")
            : "al-" + Guid.CreateVersion7().ToString("N");
        if (await store.GetDefinitionAsync(id, cancellationToken) is { } existing) return (existing, false);

        var now = clock.GetUtcNow();
        var reminderIds = composed.Reminders.Select((_, i) => $"{id}-r{i + 1}").ToList();
        // Reminders first: if we die before the parent exists, a retry re-creates the parent; a reminder whose parent is
        // missing is cancelled by the dispatcher rather than sent.
        for (var i = 0; i < composed.Reminders.Count; i++)
        {
            var r = composed.Reminders[i];
            await store.CreateAsync(new AlertDefinition(reminderIds[i], composed.Commune, composed.Topic, r.Texts, composed.Channel, r.At, now, createdBy,
                id, [], composed.RequestId, Segment: composed.Segment), cancellationToken);
        }
        var alert = new AlertDefinition(id, composed.Commune, composed.Topic, composed.Texts, composed.Channel, composed.SendAt, now, createdBy, null,
            reminderIds, composed.RequestId, composed.SendsInQuietHours, composed.Segment);
        var created = await store.CreateAsync(alert, cancellationToken);
        if (composed.SendAt <= now) scheduler.Notify();
        return (created ? alert : (await store.GetDefinitionAsync(id, cancellationToken))!, created);
    }

    /// <param name="by">Dimensions of the reach breakdown (<c>BreakdownBy.Parse</c>); none = no <c>reach</c>.</param>
    public async Task<AlertView?> GetAsync(string id, CancellationToken cancellationToken, IReadOnlyList<string>? by = null)
    {
        var alert = await store.GetDefinitionAsync(id, cancellationToken);
        var progress = await store.GetProgressAsync(id, cancellationToken);
        if (alert is null || progress is null) return null;
        var counts = await store.GetCountsAsync(id, cancellationToken);
        var reminders = new List<ReminderView>();
        foreach (var reminderId in alert.ReminderIds)
            if (await store.GetDefinitionAsync(reminderId, cancellationToken) is { } r)
                reminders.Add(new ReminderView(reminderId, r.SendAt, await store.StatusAsync(reminderId, cancellationToken) ?? AlertStatus.Scheduled));
        return new AlertView(alert.Id, alert.Commune, alert.Topic, progress.Status, alert.SendAt, progress.HeldUntil, alert.CreatedAt, progress.CompletedAt,
            alert.Channel, alert.Texts.Keys.ToList(), counts, new BatchView(progress.Batches, progress.BatchesDone, progress.Dispatched), alert.ParentId, reminders,
            alert.SendsInQuietHours ? AlertComposer.SendInQuietHours : AlertComposer.HoldInQuietHours)
        {
            Segment = alert.Segment,
            CancelledBecause = counts.SegmentTooSmallAtSend ? AlertView.SegmentTooSmall : null,
            // Ages as reached in the year the alert was sent, as its segment read them.
            Reach = by is { Count: > 0 }
                ? AlertReach.Of(counts, by, profiles.Value, Profiles.Segments.SegmentFilter.YearOf(alert.SendAt), await places.RowsAsync(alert.Commune, cancellationToken))
                : null,
        };
    }

    /// <summary>Cancels the alert and its reminders; false when it had already ended.</summary>
    public async Task<bool> CancelAsync(AlertDefinition alert, CancellationToken cancellationToken)
    {
        var cancelled = await store.CancelAsync(alert.Id, clock.GetUtcNow(), cancellationToken);
        if (cancelled) await completion.PublishAsync(alert.Id, cancellationToken);
        foreach (var reminderId in alert.ReminderIds)
            if (await store.CancelAsync(reminderId, clock.GetUtcNow(), cancellationToken))
                await completion.PublishAsync(reminderId, cancellationToken);
        return cancelled;
    }

    /// <summary>A commune's alerts, newest first (reminders are shown inside their alert, not listed apart).</summary>
    public async Task<IReadOnlyList<AlertView>> ListAsync(string commune, int max, CancellationToken cancellationToken)
    {
        var views = new List<AlertView>();
        // Reminders sit in the same index; read a little more so that max top-level alerts usually come back.
        foreach (var id in await store.ListAsync(commune, max * 2, cancellationToken))
            if (await GetAsync(id, cancellationToken) is { ParentId: null } view && views.Count < max) views.Add(view);
        return views;
    }

    public Task<AlertDefinition?> FindAsync(string id, CancellationToken cancellationToken) => store.GetDefinitionAsync(id, cancellationToken);
}

/// <summary>GET /api/alerts/{id}.</summary>
/// <param name="QuietHours"><c>hold</c> (quiet hours hold it) or <c>send</c> (urgent: sent in quiet hours by its author's choice).</param>
/// <param name="Status">Scheduled, sending, paused, done or cancelled (<see cref="AlertStatus"/>).</param>
public sealed record AlertView(
    string Id,
    string Commune,
    string Topic,
    string Status,
    DateTimeOffset SendAt,
    DateTimeOffset? HeldUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Channel,
    IReadOnlyList<string> Languages,
    AlertCounts Counts,
    BatchView Batches,
    string? ParentId,
    IReadOnlyList<ReminderView> Reminders,
    string QuietHours = AlertComposer.HoldInQuietHours)
{
    /// <summary>The profile segment the alert was limited to; absent when it went to the whole audience.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Profiles.Segments.AudienceSegment? Segment { get; init; }

    /// <summary>
    /// Why a cancelled alert was cancelled when nobody cancelled it: <c>segment_too_small</c>, its segment had fewer people
    /// than the threshold at its send time (it was large enough when written). Absent otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? CancelledBecause { get; init; }

    public const string SegmentTooSmall = "segment_too_small";

    /// <summary>With <c>?by=</c>: the messages sent per profile cell, small cells hidden.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public AlertReach? Reach { get; init; }
}

public sealed record BatchView(long Published, long Done, bool Dispatched);

public sealed record ReminderView(string Id, DateTimeOffset SendAt, string Status);
