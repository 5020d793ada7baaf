using Gateway.Storage.Redis;
using StackExchange.Redis;

namespace Gateway.Feedback.Storage;

/// <summary>
/// The desk on Redis. A report is a record of the store (<see cref="FeedbackRecords"/>: one hash in its reference's shard,
/// written with its events by one script); lists read a commune's sorted sets (<see cref="FeedbackKeys"/>), never SCAN: the
/// smallest index matching an equality filter is walked in score order in pages, the reports fetched in pipelined
/// batches and checked against the whole query.
/// </summary>
public sealed class RedisFeedbackStore(RedisStore store) : FeedbackRecords(store)
{
    /// <summary>Candidates read from an index per round trip.</summary>
    private const int IndexBatch = 200;

    /// <summary>At most this many candidates are examined per list request; past it the page ends early with a cursor.</summary>
    private const int ExamineBudget = 5000;

    public override Task IndexAsync(FeedbackReport report, CancellationToken cancellationToken) => store.RunAsync(async db =>
    {
        RedisKey Key(string index) => FeedbackKeys.Index(report.Commune, index);
        RedisKey[] keys =
        [
            Key("all"), Key("kind:" + report.Kind), Key("category:" + report.Category), Key("channel:" + report.Channel), Key("language:" + report.Language),
            Key("due"), Key("open"), Key("closed"),
            .. FeedbackStatuses.All.Select(s => Key("status:" + s)),
            Key("simulated"),
        ];
        RedisValue[] args =
        [
            report.Reference,
            report.ReceivedAt.ToUnixTimeMilliseconds(),
            report.DueAt.ToUnixTimeMilliseconds(),
            report.IsOpen ? 1 : 0,
            !report.IsOpen && !report.Purged && report.ClosedAt is { } closed ? closed.ToUnixTimeMilliseconds() : RedisValue.EmptyString,
            FeedbackStatuses.All.ToList().IndexOf(report.Status) + 1,
            report.Simulated ? 1 : 0,
        ];
        await db.ScriptEvaluateAsync(FeedbackIndexScript.Index, keys, args);
        return true;
    });

    public override Task<IReadOnlyList<string>> ClosedBeforeAsync(string? commune, DateTimeOffset closedBefore, int max, CancellationToken cancellationToken) => store.RunAsync(async db =>
        (IReadOnlyList<string>)[.. (await db.SortedSetRangeByScoreAsync(FeedbackKeys.Index(commune, "closed"), double.NegativeInfinity,
            closedBefore.ToUnixTimeMilliseconds(), Exclude.Stop, Order.Ascending, 0, max)).Select(v => v.ToString())]);

    public override Task<FeedbackStats> StatsAsync(IReadOnlyList<string?> communes, IReadOnlyList<string> categories, DateTimeOffset now, CancellationToken cancellationToken) => store.RunAsync(async db =>
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        async Task<long> SumAsync(Func<string?, Task<long>> read) => (await Task.WhenAll(communes.Select(read))).Sum();
        // Reports filed through the simulator count apart: each figure is the index's size less its members also in the
        // commune's "simulated" index (ZINTERCARD: both keys in the commune's slot).
        async Task<long> RealAsync(string? commune, string index)
        {
            var key = FeedbackKeys.Index(commune, index);
            var size = db.SortedSetLengthAsync(key);
            var simulated = db.SortedSetIntersectionLengthAsync([key, FeedbackKeys.Index(commune, "simulated")]);
            return await size - await simulated;
        }
        async Task<long> OverdueAsync(string? commune)
        {
            var open = FeedbackKeys.Index(commune, "open");
            var all = db.SortedSetLengthAsync(open, double.NegativeInfinity, nowMs);
            // The simulated open reports with their due dates (weight 0 keeps the "open" index's score).
            var simulated = db.SortedSetCombineWithScoresAsync(SetOperation.Intersect, [open, FeedbackKeys.Index(commune, "simulated")], [1, 0]);
            return await all - (await simulated).Count(e => e.Score <= nowMs);
        }
        async Task<Dictionary<string, long>> ByAsync(IEnumerable<string> values, string prefix)
        {
            var list = values.ToList();
            var counts = await Task.WhenAll(list.Select(v => SumAsync(c => RealAsync(c, prefix + v))));
            return list.Zip(counts).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        }
        var total = SumAsync(c => RealAsync(c, "all"));
        var open = SumAsync(c => RealAsync(c, "open"));
        var overdue = SumAsync(OverdueAsync);
        var byStatus = ByAsync(FeedbackStatuses.All, "status:");
        var byKind = ByAsync(FeedbackKinds.All, "kind:");
        var byCategory = ByAsync(categories, "category:");
        var byChannel = ByAsync(FeedbackChannels.All, "channel:");
        var simulated = SumAsync(c => db.SortedSetLengthAsync(FeedbackKeys.Index(c, "simulated")));
        return new FeedbackStats(await total, await open, await overdue, await byStatus, await byKind, await byCategory, await byChannel, await simulated);
    });

    public override Task<FeedbackPage> ListAsync(FeedbackQuery query, CancellationToken cancellationToken) => store.RunAsync(async db =>
    {
        var readers = new List<IndexReader>();
        foreach (var commune in query.Communes)
            readers.Add(await IndexReader.OpenAsync(db, commune, query));
        foreach (var reader in readers) await reader.FillAsync();

        var page = new List<FeedbackReport>(query.Limit);
        var examined = 0;
        (double Score, string Reference)? last = null;
        while (page.Count < query.Limit && examined < ExamineBudget)
        {
            // The next candidates in the query's order across communes, a batch at a time.
            var batch = new List<(double Score, string Reference)>(IndexBatch);
            while (batch.Count < Math.Min(IndexBatch, query.Limit - page.Count + 50))
            {
                IndexReader? best = null;
                foreach (var r in readers)
                    if (r.Head is { } h && (best is null || Before(query, h, best.Head!.Value))) best = r;
                if (best is null) break;
                batch.Add(best.Head!.Value);
                await best.AdvanceAsync();
            }
            if (batch.Count == 0) return new FeedbackPage(page, null);

            var reads = batch.Select(c => db.HashGetAsync(FeedbackKeys.Record(c.Reference), "j")).ToArray();
            var jsons = await Task.WhenAll(reads);
            for (var i = 0; i < batch.Count; i++)
            {
                examined++;
                last = batch[i];
                if (jsons[i].IsNull) continue;
                var report = Gateway.Storage.StoreJson.DeserializeUtf8<FeedbackReport>((byte[])jsons[i]!);
                if (!query.Matches(report)) continue;
                page.Add(report);
                if (page.Count == query.Limit)
                {
                    var more = i < batch.Count - 1 || readers.Any(r => r.Head is not null);
                    return new FeedbackPage(page, more ? new FeedbackCursor(batch[i].Score, batch[i].Reference).Encode() : null);
                }
            }
        }
        var exhausted = readers.All(r => r.Head is null);
        return new FeedbackPage(page, exhausted || last is null ? null : new FeedbackCursor(last.Value.Score, last.Value.Reference).Encode());
    });

    private static bool Before(FeedbackQuery query, (double Score, string Reference) a, (double Score, string Reference) b)
    {
        var order = a.Score.CompareTo(b.Score);
        if (order == 0) order = string.CompareOrdinal(a.Reference, b.Reference);
        return query.Descending ? order > 0 : order < 0;
    }

    /// <summary>Walks one commune's narrowest index for a query, in the query's order, from its cursor on.</summary>
    private sealed class IndexReader
    {
        private readonly IDatabase _db;
        private readonly RedisKey _key;
        private readonly double _min, _max;
        private readonly FeedbackQuery _query;
        private readonly Queue<(double, string)> _buffer = new();
        private long _skip;
        private bool _exhausted;

        private IndexReader(IDatabase db, RedisKey key, double min, double max, FeedbackQuery query)
        {
            (_db, _key, _min, _max, _query) = (db, key, min, max, query);
        }

        public (double Score, string Reference)? Head => _buffer.Count > 0 ? _buffer.Peek() : null;

        public static async Task<IndexReader> OpenAsync(IDatabase db, string? commune, FeedbackQuery q)
        {
            double min = double.NegativeInfinity, max = double.PositiveInfinity;
            RedisKey key;
            if (q.Sort == FeedbackSort.Due)
            {
                // Scored by due date: every report, or only open ones when asking for the overdue.
                key = FeedbackKeys.Index(commune, q.Overdue == true ? "open" : "due");
                if (q.Overdue == true) max = q.Now.ToUnixTimeMilliseconds();
            }
            else
            {
                // Scored by received date: the smallest set among the equality filters (one pipelined ZCARD each).
                var candidates = new List<string> { "all" };
                if (q.Status is { } s) candidates.Add("status:" + s);
                if (q.Kind is { } k) candidates.Add("kind:" + k);
                if (q.Category is { } c) candidates.Add("category:" + c);
                if (q.Channel is { } ch) candidates.Add("channel:" + ch);
                if (q.Language is { } l) candidates.Add("language:" + l);
                if (q.Simulated == true) candidates.Add("simulated");
                var sizes = await Task.WhenAll(candidates.Select(i => db.SortedSetLengthAsync(FeedbackKeys.Index(commune, i))));
                key = FeedbackKeys.Index(commune, candidates[Array.IndexOf(sizes, sizes.Min())]);
                if (q.From is { } from) min = from.ToUnixTimeMilliseconds();
                if (q.To is { } to) max = to.ToUnixTimeMilliseconds() - 0.5;
            }
            if (q.After is { } after)
            {
                if (q.Descending) max = Math.Min(max, after.Score);
                else min = Math.Max(min, after.Score);
            }
            return new IndexReader(db, key, min, max, q);
        }

        public async Task FillAsync()
        {
            while (_buffer.Count == 0 && !_exhausted)
            {
                // The bound is inclusive (a tie with the cursor's score); entries up to the cursor are skipped here.
                var entries = await _db.SortedSetRangeByScoreWithScoresAsync(_key, _min, _max, Exclude.None,
                    _query.Descending ? Order.Descending : Order.Ascending, _skip, IndexBatch);
                _skip += entries.Length;
                if (entries.Length < IndexBatch) _exhausted = true;
                foreach (var e in entries)
                {
                    var reference = e.Element.ToString();
                    if (_query.IsAfterCursor(e.Score, reference)) _buffer.Enqueue((e.Score, reference));
                }
            }
        }

        public async Task AdvanceAsync()
        {
            _buffer.Dequeue();
            await FillAsync();
        }
    }
}
