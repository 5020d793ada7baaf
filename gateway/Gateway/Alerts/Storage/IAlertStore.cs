namespace Gateway.Alerts.Storage;

/// <summary>
/// Alerts, their live counters and the per-(alert, contact) claims, shared by every replica. Every state change that
/// must happen once across replicas (a claim, a batch done, done/cancelled, a delivery report) is one atomic operation here.
/// </summary>
public interface IAlertStore
{
    /// <summary>Stores the alert and puts it on the schedule at its SendAt; false (nothing changed) when the id already exists.</summary>
    Task<bool> CreateAsync(AlertDefinition alert, CancellationToken cancellationToken);

    Task<AlertDefinition?> GetDefinitionAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>The ids of a commune's alerts (reminders included), newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<string>> ListAsync(string commune, int max, CancellationToken cancellationToken);
    Task<AlertProgress?> GetProgressAsync(string alertId, CancellationToken cancellationToken);
    Task<AlertCounts> GetCountsAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Alerts whose due time has come (scheduled, held by quiet hours, or a dispatch whose replica died).</summary>
    Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Takes the alert off the schedule (it ended, or its entry was stale).</summary>
    Task UnscheduleAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Puts the alert on the schedule at <paramref name="at"/> unless it is there already.</summary>
    Task ScheduleAsync(string alertId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Takes (or renews, for the same owner) the dispatch lease of an alert; false when another replica holds it.</summary>
    Task<bool> TryLeaseAsync(string alertId, string owner, TimeSpan duration, CancellationToken cancellationToken);
    Task ReleaseLeaseAsync(string alertId, string owner, CancellationToken cancellationToken);

    /// <summary>scheduled/paused → sending. Returns the status after the call (a final status is left alone).</summary>
    Task<string?> StartSendingAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Holds the alert until <paramref name="until"/> (quiet hours): status paused (or scheduled if it never started), due then.</summary>
    Task HoldAsync(string alertId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Parks a batch that arrived during quiet hours; the alert is held until <paramref name="until"/> and the batch republished then.</summary>
    Task HoldBatchAsync(string alertId, SendAlertBatch batch, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Removes and returns the parked batches.</summary>
    Task<IReadOnlyList<SendAlertBatch>> TakeHeldBatchesAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>
    /// Records dispatch progress after a batch was published. With <paramref name="dispatched"/> the alert leaves the
    /// schedule; returns true when this call completed the alert (all batches were already done).
    /// </summary>
    Task<bool> SaveDispatchAsync(string alertId, string cursor, long batches, bool dispatched, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks a batch processed (idempotent); true when this call turned the alert to done.</summary>
    Task<bool> CompleteBatchAsync(string alertId, long batch, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Cancels an alert that is not final; true when this call cancelled it.</summary>
    Task<bool> CancelAsync(string alertId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims the (alert, contact) pair and counts it targeted; false when it was claimed before (a redelivered batch).</summary>
    Task<bool> ClaimAsync(string alertId, string contactId, CancellationToken cancellationToken);

    /// <summary>Gives back a claim whose send was never attempted (the store failed in between), so a retry sends it.</summary>
    Task ReleaseAsync(string alertId, string contactId, CancellationToken cancellationToken);

    /// <summary>Adds to live counters of the alert.</summary>
    Task CountAsync(string alertId, IReadOnlyList<(string Field, long Delta)> deltas, CancellationToken cancellationToken);

    /// <summary>The status alone (read often by senders to stop on cancel).</summary>
    Task<string?> StatusAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Once AlertCompleted is on the bus; false when it was already marked.</summary>
    Task<bool> MarkCompletionPublishedAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Remembers which alert a provider message belongs to, for its delivery reports.</summary>
    Task MapMessageAsync(string provider, string messageId, string alertId, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a final delivery report (delivered or failed) once per message: moves one count from sent to
    /// <paramref name="field"/>. Returns the alert id, or null when the message is unknown or was already final.
    /// </summary>
    Task<string?> ApplyDeliveryAsync(string provider, string messageId, string field, CancellationToken cancellationToken);

    /// <summary>Takes one of the contact's daily alerts for <paramref name="day"/>; false when the cap is reached.</summary>
    Task<bool> TryTakeDailyAsync(string contactId, string day, int cap, CancellationToken cancellationToken);

    /// <summary>Erasure: the contact id leaves every alert's claim set and its daily caps are deleted.</summary>
    Task ForgetContactAsync(string contactId, CancellationToken cancellationToken);
}
