using Gateway.Conversations.Ports;

namespace Gateway.Feedback;

/// <summary>
/// The desk's reports. A report filed in a conversation is created by the step's own commit
/// (a <see cref="CommitRecord"/> of <see cref="ContactCommit.Records"/>, see <see cref="Storage.FeedbackRecords"/>), never here; this store reads reports and applies staff changes, each change
/// with its events in one atomic write (a lost race is a false, to decide again on the fresh report).
/// <para>Lists come from indexes: sorted sets per commune (Redis) kept by <see cref="FeedbackIndexProjection"/> from the
/// outbox, or the records themselves (memory).</para>
/// </summary>
public interface IFeedbackStore
{
    Task<StoredFeedback?> GetReportAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Creates a report that no conversation filed (Open311); false when the reference exists already.</summary>
    Task<bool> TryCreateAsync(FeedbackReport report, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);

    /// <summary>Replaces the report if it is still at <paramref name="expectedVersion"/>, with its events, atomically.</summary>
    Task<bool> TryUpdateAsync(FeedbackReport report, long expectedVersion, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);

    Task<FeedbackPage> ListAsync(FeedbackQuery query, CancellationToken cancellationToken);

    Task<FeedbackStats> StatsAsync(IReadOnlyList<string?> communes, IReadOnlyList<string> categories, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The references of the reports a contact filed (erasure, follow-up).</summary>
    Task<IReadOnlyList<string>> ReferencesOfAsync(string contactId, CancellationToken cancellationToken);

    /// <summary>Brings the indexes in line with the report as stored (idempotent; a no-op where lists read the records).</summary>
    Task IndexAsync(FeedbackReport report, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> closed, not yet purged reports of a commune closed before <paramref name="closedBefore"/>.</summary>
    Task<IReadOnlyList<string>> ClosedBeforeAsync(string? commune, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken);
}

/// <param name="Version">Changes by one on every write; the next update expects it.</param>
public sealed record StoredFeedback(FeedbackReport Report, long Version);

/// <param name="Next">Cursor of the next page, null at the end. A page may hold fewer items than asked and still have a next cursor (a filter the indexes do not cover examined its budget).</param>
public sealed record FeedbackPage(IReadOnlyList<FeedbackReport> Items, string? Next);

/// <summary>
/// The desk's figures over real reports only: those filed through the simulator (staff trying the service) are counted
/// in <see cref="Simulated"/> alone, as poll votes are (issue 17 item 4).
/// </summary>
public sealed record FeedbackStats(
    long Total,
    long Open,
    long Overdue,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByKind,
    IReadOnlyDictionary<string, long> ByCategory,
    IReadOnlyDictionary<string, long> ByChannel,
    long Simulated)
{
    /// <summary>With <c>?by=</c>: one commune's reports of one month by the reporters' profile, small cells hidden.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ReportBreakdown? Breakdown { get; init; }
}
