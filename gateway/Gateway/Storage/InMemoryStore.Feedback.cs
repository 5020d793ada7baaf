using Gateway.Feedback;
using Gateway.Conversations.Ports;

namespace Gateway.Storage;

/// <summary>
/// The desk's reports in memory, under the store's one lock (a report filed by a step is added by that step's commit).
/// Lists filter and sort the records themselves: the embedded default holds a demo's or a test's reports, not 100,000.
/// </summary>
public sealed partial class InMemoryStore
{
    private readonly Dictionary<string, (string Json, long Version)> _feedback = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _feedbackOf = new(StringComparer.Ordinal);

    /// <summary>Caller holds <see cref="_gate"/> and checked the reference is new.</summary>
    private void AddFeedback(FeedbackReport report)
    {
        _feedback[report.Reference] = (StoreJson.Serialize(report), 1);
        if (report.ContactId is { } contact)
        {
            if (!_feedbackOf.TryGetValue(contact, out var list)) _feedbackOf[contact] = list = [];
            list.Add(report.Reference);
        }
    }

    public Task<StoredFeedback?> GetReportAsync(string reference, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_feedback.TryGetValue(reference, out var e) ? new StoredFeedback(StoreJson.Deserialize<FeedbackReport>(e.Json), e.Version) : null);
    }

    public Task<bool> TryCreateAsync(FeedbackReport report, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_feedback.ContainsKey(report.Reference)) return Task.FromResult(false);
            AddFeedback(report);
            foreach (var e in events) _outbox[++_outboxSequence] = (StoredEvent.From(e), report.ContactId ?? report.Reference);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryUpdateAsync(FeedbackReport report, long expectedVersion, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_feedback.TryGetValue(report.Reference, out var e) || e.Version != expectedVersion) return Task.FromResult(false);
            _feedback[report.Reference] = (StoreJson.Serialize(report), expectedVersion + 1);
            foreach (var ev in events) _outbox[++_outboxSequence] = (StoredEvent.From(ev), report.ContactId ?? report.Reference);
            return Task.FromResult(true);
        }
    }

    public Task<FeedbackPage> ListAsync(FeedbackQuery query, CancellationToken cancellationToken)
    {
        List<FeedbackReport> all;
        lock (_gate) all = [.. _feedback.Values.Select(e => StoreJson.Deserialize<FeedbackReport>(e.Json))];
        var matching = all.Where(r => query.Matches(r) && query.IsAfterCursor(query.ScoreOf(r), r.Reference)).ToList();
        matching.Sort(query.Compare);
        var page = matching.Take(query.Limit).ToList();
        var next = matching.Count > query.Limit ? new FeedbackCursor(query.ScoreOf(page[^1]), page[^1].Reference).Encode() : null;
        return Task.FromResult(new FeedbackPage(page, next));
    }

    public Task<FeedbackStats> StatsAsync(IReadOnlyList<string?> communes, IReadOnlyList<string> categories, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<FeedbackReport> filed;
        lock (_gate) filed = [.. _feedback.Values.Select(e => StoreJson.Deserialize<FeedbackReport>(e.Json))
            .Where(r => communes.Contains(r.Commune, StringComparer.OrdinalIgnoreCase))];
        var all = filed.Where(r => !r.Simulated).ToList(); // the simulator's reports count apart
        Dictionary<string, long> Count(IEnumerable<string> keys, Func<FeedbackReport, string> key) =>
            keys.ToDictionary(k => k, k => (long)all.Count(r => key(r) == k), StringComparer.Ordinal);
        return Task.FromResult(new FeedbackStats(
            all.Count,
            all.Count(r => r.IsOpen),
            all.Count(r => r.IsOverdue(now)),
            Count(FeedbackStatuses.All, r => r.Status),
            Count(FeedbackKinds.All, r => r.Kind),
            Count(categories, r => r.Category),
            Count(FeedbackChannels.All, r => r.Channel),
            filed.Count - all.Count));
    }

    public Task<IReadOnlyList<string>> ReferencesOfAsync(string contactId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<string>>(_feedbackOf.TryGetValue(contactId, out var list) ? [.. list] : []);
    }

    public Task IndexAsync(FeedbackReport report, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> ClosedBeforeAsync(string? commune, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<string>>([.. _feedback.Values.Select(e => StoreJson.Deserialize<FeedbackReport>(e.Json))
                .Where(r => string.Equals(r.Commune, commune, StringComparison.OrdinalIgnoreCase) && !r.Purged && r.ClosedAt < closedBefore && !r.IsOpen)
                .Select(r => r.Reference).Take(max)]);
    }
}
