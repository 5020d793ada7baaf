
namespace Gateway.Storage.Redis;

public sealed partial class RedisStore
{
    /// <summary>Sums the counter's 64 shard hashes (one pipelined round trip): live tallies, never a scan of votes.</summary>
    public Task<IReadOnlyDictionary<string, long>> ReadAsync(string counter, CancellationToken cancellationToken) => Guard(async () =>
    {
        var db = Db;
        var reads = Enumerable.Range(0, RedisKeys.ShardCount).Select(s => db.HashGetAllAsync(RedisKeys.Counter(s, counter))).ToArray();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entries in await Task.WhenAll(reads))
        {
            foreach (var entry in entries)
            {
                var field = entry.Name.ToString();
                totals[field] = totals.GetValueOrDefault(field) + (long)entry.Value;
            }
        }
        return (IReadOnlyDictionary<string, long>)totals;
    });
}
