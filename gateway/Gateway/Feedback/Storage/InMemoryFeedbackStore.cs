using Gateway.Storage;

namespace Gateway.Feedback.Storage;

/// <summary>
/// The desk's reports in the embedded store. Lists filter and sort the records themselves: the embedded default holds a
/// demo's or a test's reports, not 100,000.
/// </summary>
public sealed class InMemoryFeedbackStore(InMemoryStore store) : FeedbackRecords(store)
{
    private IReadOnlyList<FeedbackReport> All() => store.AllRecords<FeedbackReport>(Collection);

    public override Task<FeedbackPage> ListAsync(FeedbackQuery query, CancellationToken cancellationToken)
    {
        var matching = All().Where(r => query.Matches(r) && query.IsAfterCursor(query.ScoreOf(r), r.Reference)).ToList();
        matching.Sort(query.Compare);
        var page = matching.Take(query.Limit).ToList();
        var next = matching.Count > query.Limit ? new FeedbackCursor(query.ScoreOf(page[^1]), page[^1].Reference).Encode() : null;
        return Task.FromResult(new FeedbackPage(page, next));
    }

    public override Task<FeedbackStats> StatsAsync(IReadOnlyList<string?> communes, IReadOnlyList<string> categories, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filed = All().Where(r => communes.Contains(r.Commune, StringComparer.OrdinalIgnoreCase)).ToList();
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

    /// <summary>Nothing to do: lists read the records.</summary>
    public override Task IndexAsync(FeedbackReport report, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<IReadOnlyList<string>> ClosedBeforeAsync(string? commune, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. All()
            .Where(r => string.Equals(r.Commune, commune, StringComparison.OrdinalIgnoreCase) && !r.Purged && r.ClosedAt < closedBefore && !r.IsOpen)
            .Select(r => r.Reference).Take(max)]);
}
