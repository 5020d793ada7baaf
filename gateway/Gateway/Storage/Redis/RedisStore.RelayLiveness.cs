using StackExchange.Redis;

namespace Gateway.Storage.Redis;

/// <summary>
/// How a replica that died hands its outbox entries over. Each relay keeps a key of its own alive
/// (<c>gw:relay:alive:&lt;consumer&gt;</c>, refreshed every second, gone <see cref="AliveFor"/> after its last refresh); the
/// others look at each shard's pending list every <see cref="ClaimEvery"/> and take over everything a consumer without
/// that key holds: all of it, page by page, not one batch. So a SIGKILLed replica's events go out within a few seconds
/// of its death, while a replica that is alive keeps its entries however long the broker is down (an idle-time rule
/// would hand a live relay's entries to another during an outage, and back). Delivery stays at least once: a relay
/// taken for dead that was only cut off from Redis may publish an entry the new owner publishes too; consumers
/// de-duplicate on the message id.
/// </summary>
public sealed partial class RedisStore
{
    /// <summary>A relay whose key was not refreshed for this long is dead; its entries go to the others.</summary>
    public static readonly TimeSpan AliveFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ClaimEvery = TimeSpan.FromSeconds(1);
    /// <summary>An entry delivered less than this long ago is not taken (a replica starting reads before its first beat lands).</summary>
    private const long ClaimMinIdleMs = 1000;
    private const int ClaimPage = 500;

    public Task KeepAliveAsync(CancellationToken cancellationToken) =>
        Guard(() => Db.StringSetAsync(RedisKeys.RelayAlive(_consumer), 1, AliveFor));

    /// <summary>
    /// Takes every entry that relays without a live key hold, in every shard, and counts them as this relay's own: the
    /// own-entries read of the next rounds publishes them (oldest first, a batch at a time).
    /// </summary>
    private async Task ClaimFromDeadRelaysAsync(IDatabase db)
    {
        if (Environment.TickCount64 < _nextClaimAt) return;
        _nextClaimAt = Environment.TickCount64 + (long)ClaimEvery.TotalMilliseconds;

        var pending = await Task.WhenAll(Enumerable.Range(0, RedisKeys.ShardCount).Select(s => db.StreamPendingAsync(RedisKeys.Outbox(s), RedisKeys.RelayGroup)));
        var holders = pending.SelectMany(p => p.Consumers).Where(c => c.PendingMessageCount > 0).Select(c => (string)c.Name!)
            .Where(name => name != _consumer).Distinct(StringComparer.Ordinal).ToList();
        if (holders.Count == 0) return;
        var alive = await Task.WhenAll(holders.Select(name => db.KeyExistsAsync(RedisKeys.RelayAlive(name))));
        var dead = holders.Where((_, i) => !alive[i]).ToHashSet(StringComparer.Ordinal);
        if (dead.Count == 0) return;

        var claims = new List<Task>();
        for (var s = 0; s < pending.Length; s++)
            foreach (var holder in pending[s].Consumers)
                if (holder.PendingMessageCount > 0 && dead.Contains(holder.Name!))
                    claims.Add(ClaimAllAsync(db, s, holder.Name!));
        await Task.WhenAll(claims);
    }

    private async Task ClaimAllAsync(IDatabase db, int shard, string deadConsumer)
    {
        var key = RedisKeys.Outbox(shard);
        var total = 0;
        while (true)
        {
            var page = await db.StreamPendingMessagesAsync(key, RedisKeys.RelayGroup, ClaimPage, deadConsumer);
            if (page.Length == 0) break;
            var claimed = await db.StreamClaimIdsOnlyAsync(key, RedisKeys.RelayGroup, _consumer, ClaimMinIdleMs, [.. page.Select(p => p.MessageId)]);
            Interlocked.Add(ref _held[shard], claimed.Length);
            total += claimed.Length;
            // Fewer claimed than listed: another survivor took them first, or they were delivered just now; stop here,
            // the next look (a second later) sees what is left.
            if (claimed.Length < page.Length || page.Length < ClaimPage) break;
        }
        if (total > 0) LogClaimed(total, RedisKeys.Outbox(shard).ToString(), deadConsumer);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: took over {Count} entries of {Shard} from relay {Consumer}, which is no longer alive")]
    private partial void LogClaimed(int count, string shard, string consumer);
}
