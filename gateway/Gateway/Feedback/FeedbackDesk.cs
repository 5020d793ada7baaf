using Gateway.Contracts;
using Gateway.Conversations.Ports;

namespace Gateway.Feedback;

/// <summary>
/// Every change to a report: read, change, write with its events if nobody changed it meanwhile (else read again).
/// A status change writes <see cref="FeedbackStatusChanged"/>, and a message for the citizen writes a
/// <see cref="NotifyFeedbackStatus"/> command, to the outbox in the same atomic write: the message leaves once
/// (its request id is the change's), through the one outbound path, even if RabbitMQ was down when staff clicked.
/// </summary>
public sealed class FeedbackDesk(IFeedbackStore store, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    public sealed record Outcome(FeedbackReport? Report, bool Changed);

    /// <summary>
    /// Sets the status (any status may follow any other: a closed report reopens). With <paramref name="message"/> the
    /// citizen is told, in their language, even when the status stays the same. Null when the report does not exist or
    /// <paramref name="visible"/> says the caller may not see it.
    /// </summary>
    /// <param name="requestId">The request making the change (a bus command's id): a change already recorded with it is not made twice.</param>
    public async Task<Outcome> ChangeStatusAsync(string reference, string status, IReadOnlyDictionary<string, string>? message, string by,
        Func<FeedbackReport, bool> visible, CancellationToken cancellationToken, string? requestId = null)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetReportAsync(reference, cancellationToken) is not { } stored || !visible(stored.Report)) return new Outcome(null, false);
            var report = stored.Report;
            if (requestId is not null && report.History.Any(h => h.RequestId == requestId)) return new Outcome(report, false);
            var old = report.Status;
            if (old == status && message is null) return new Outcome(report, false);

            var now = clock.GetUtcNow();
            var changeId = requestId ?? $"desk:{report.Reference}:{stored.Version + 1}";
            report.Status = status;
            report.UpdatedAt = now;
            if (old != status)
            {
                report.ClosedAt = report.IsOpen ? null : now;
                if (status == FeedbackStatuses.Resolved) report.CitizenConfirmed = null;
            }
            report.History.Add(new FeedbackChange(now, "status", by, old, status, message, changeId));
            // Staff resolving with a message to the citizen: that message asks, once per report, whether it is really solved.
            var asks = requestId is null && status == FeedbackStatuses.Resolved && report.ContactId is not null && message is { Count: > 0 } && report.ConfirmationAskedAt is null;
            if (asks)
            {
                report.ConfirmationAskedAt = now;
                report.ConfirmationRequestId = changeId;
            }

            var events = new List<OutboxEvent>(2);
            if (old != status)
                events.Add(OutboxEvent.Of(new FeedbackStatusChanged(report.Reference, report.Commune, old, status, by, now, report.ContactId),
                    $"{report.Reference}:{changeId}", now));
            // A command for the citizen, unless it came as one (its consumer sends it then).
            if (requestId is null && report.ContactId is { } contact && message is { Count: > 0 })
                events.Add(OutboxEvent.Of(new NotifyFeedbackStatus(changeId, contact, report.Reference, CommandStatus(status), message), changeId, now));

            if (await store.TryUpdateAsync(report, stored.Version, events, cancellationToken)) return new Outcome(report, true);
        }
        throw new FeedbackBusyException(reference);
    }

    public Task<Outcome> AssignAsync(string reference, string? assignee, string by, Func<FeedbackReport, bool> visible, CancellationToken cancellationToken) =>
        ChangeAsync(reference, visible, (report, now) =>
        {
            if (report.Assignee == assignee) return false;
            report.History.Add(new FeedbackChange(now, "assignee", by, report.Assignee, assignee));
            report.Assignee = assignee;
            return true;
        }, cancellationToken);

    public Task<Outcome> AddNoteAsync(string reference, string text, string by, Func<FeedbackReport, bool> visible, CancellationToken cancellationToken) =>
        ChangeAsync(reference, visible, (report, now) =>
        {
            report.Notes.Add(new FeedbackNote(now, by, text));
            report.History.Add(new FeedbackChange(now, "note", by));
            return true;
        }, cancellationToken);

    /// <summary>A change without events (notes, assignee, purge); <paramref name="apply"/> returns false for "nothing to do".</summary>
    public async Task<Outcome> ChangeAsync(string reference, Func<FeedbackReport, bool> visible, Func<FeedbackReport, DateTimeOffset, bool> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetReportAsync(reference, cancellationToken) is not { } stored || !visible(stored.Report)) return new Outcome(null, false);
            var report = stored.Report;
            var now = clock.GetUtcNow();
            if (!apply(report, now)) return new Outcome(report, false);
            report.UpdatedAt = now;
            if (await store.TryUpdateAsync(report, stored.Version, [], cancellationToken)) return new Outcome(report, true);
        }
        throw new FeedbackBusyException(reference);
    }

    /// <summary>The NotifyFeedbackStatus status of a desk status (its "received" is the desk's new and acknowledged).</summary>
    public static string CommandStatus(string status) => status is FeedbackStatuses.New or FeedbackStatuses.Acknowledged ? "received" : status;
}

/// <summary>Too many concurrent changes to one report (answered 503: try again).</summary>
public sealed class FeedbackBusyException(string reference) : Exception($"Report {reference} is changing too fast; try again.");
