using Gateway.Conversations.Ports;
using Gateway.Storage;

namespace Gateway.Feedback.Storage;

/// <summary>
/// The desk's reports as records of the store (<see cref="IRecordStore"/>, collection <c>feedback</c>): a report filed in a
/// conversation is a <see cref="CommitRecord"/> of the step's commit; reads and staff changes go through the record
/// store, each change with its events in one atomic write. Lists and statistics are the store's own
/// (<see cref="InMemoryFeedbackStore"/>, <see cref="RedisFeedbackStore"/>).
/// </summary>
public abstract class FeedbackRecords(IRecordStore records) : IFeedbackStore
{
    public const string Collection = "feedback";

    /// <summary>The record a step creates to file <paramref name="report"/> (its reference must be new).</summary>
    public static CommitRecord Of(FeedbackReport report) => new(Collection, report.Reference, report);

    /// <summary>Events of a report are ordered under its contact (with the contact's other events), or its reference.</summary>
    private static string OrderKey(FeedbackReport report) => report.ContactId ?? report.Reference;

    public async Task<StoredFeedback?> GetReportAsync(string reference, CancellationToken cancellationToken) =>
        await records.GetRecordAsync<FeedbackReport>(Collection, reference, cancellationToken) is { } stored
            ? new StoredFeedback(stored.Value, stored.Version)
            : null;

    public Task<bool> TryCreateAsync(FeedbackReport report, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        records.TryCreateRecordAsync(Of(report), OrderKey(report), events, cancellationToken);

    public Task<bool> TryUpdateAsync(FeedbackReport report, long expectedVersion, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        records.TryUpdateRecordAsync(Of(report), expectedVersion, OrderKey(report), events, cancellationToken);

    public Task<IReadOnlyList<string>> ReferencesOfAsync(string contactId, CancellationToken cancellationToken) =>
        records.RecordsOfAsync(Collection, contactId, cancellationToken);

    public abstract Task<FeedbackPage> ListAsync(FeedbackQuery query, CancellationToken cancellationToken);

    public abstract Task<FeedbackStats> StatsAsync(IReadOnlyList<string?> communes, IReadOnlyList<string> categories, DateTimeOffset now, CancellationToken cancellationToken);

    public abstract Task IndexAsync(FeedbackReport report, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<string>> ClosedBeforeAsync(string? commune, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken);
}
