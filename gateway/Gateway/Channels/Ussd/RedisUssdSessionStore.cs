using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Channels.Ussd;

/// <summary>USSD paging/retry state in Redis so that any replica can answer the next hop: one JSON document per session, expiring with it.</summary>
public sealed class RedisUssdSessionStore(IConnectionMultiplexer redis) : IUssdSessionStore
{
    private static RedisKey Key(string sessionId) => "gw:ussd:" + sessionId;

    public async Task<UssdSessionState?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var json = await redis.GetDatabase().StringGetAsync(Key(sessionId));
        return json.IsNullOrEmpty ? null : StoreJson.Deserialize<UssdSessionState>(json!);
    }

    public Task SetAsync(string sessionId, UssdSessionState state, TimeSpan ttl, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(Key(sessionId), StoreJson.Serialize(state), ttl);

    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Key(sessionId));
}
