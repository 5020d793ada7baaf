using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Channels.Ussd;

/// <summary>
/// USSD paging/retry state in Redis so that any replica can answer the next hop: one JSON document per session, expiring
/// with it. Stored and read as UTF-8 bytes, as Redis holds them (a string in between cost two transcodings per hop).
/// </summary>
public sealed class RedisUssdSessionStore(IConnectionMultiplexer redis) : IUssdSessionStore
{
    private static RedisKey Key(string sessionId) => "gw:ussd:" + sessionId;

    public async Task<UssdSessionState?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var json = await redis.GetDatabase().StringGetAsync(Key(sessionId));
        return json.IsNullOrEmpty ? null : StoreJson.DeserializeUtf8((byte[])json!, UssdJsonContext.Default.UssdSessionState);
    }

    public Task SetAsync(string sessionId, UssdSessionState state, TimeSpan ttl, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(Key(sessionId), StoreJson.SerializeToUtf8Bytes(state, UssdJsonContext.Default.UssdSessionState), ttl);

    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Key(sessionId));
}
