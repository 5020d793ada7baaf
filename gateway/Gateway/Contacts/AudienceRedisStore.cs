using StackExchange.Redis;

namespace Gateway.Contacts;

/// <summary>
/// The audience index on Redis: one set per (commune, topic), read with SSCAN cursors, never SMEMBERS.
/// <code>gw:{aud:&lt;commune&gt;:&lt;topic&gt;}:members   set of contact ids subscribed (its own hash tag)</code>
/// </summary>
public sealed class AudienceRedisStore(IConnectionMultiplexer redis) : IAudienceStore
{
    public static RedisKey Key(string commune, string topic) => "gw:{aud:" + commune.ToLowerInvariant() + ":" + topic + "}:members";

    public async Task AddAsync(string commune, string topic, IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken)
    {
        if (contactIds.Count == 0) return;
        var key = Key(commune, topic);
        foreach (var chunk in contactIds.Chunk(1000))
            await redis.GetDatabase().SetAddAsync(key, chunk.Select(id => (RedisValue)id).ToArray());
    }

    public Task RemoveAsync(string commune, string topic, string contactId, CancellationToken cancellationToken) =>
        redis.GetDatabase().SetRemoveAsync(Key(commune, topic), contactId);

    public async Task<AudiencePage> ScanAsync(string commune, string topic, string cursor, int count, CancellationToken cancellationToken)
    {
        // Raw SSCAN: the library's scanning enumerator cannot resume from a cursor saved by another replica.
        var result = (RedisResult[])(await redis.GetDatabase().ExecuteAsync("SSCAN", Key(commune, topic), cursor, "COUNT", count))!;
        var next = (string)result[0]!;
        var members = ((RedisResult[])result[1]!).Select(m => (string)m!).ToList();
        return new AudiencePage(members, next, next == "0");
    }

    public Task<long> CountAsync(string commune, string topic, CancellationToken cancellationToken) =>
        redis.GetDatabase().SetLengthAsync(Key(commune, topic));
}
