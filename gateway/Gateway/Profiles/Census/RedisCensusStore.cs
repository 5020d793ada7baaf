using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Profiles.Census;

/// <summary>
/// Census shares on Redis, one key per commune (each command touches one key, so no hash tag is needed):
/// <code>gw:census:&lt;commune&gt;   string: the commune's shares as JSON</code>
/// </summary>
public sealed class RedisCensusStore(IConnectionMultiplexer redis) : ICensusStore
{
    public static RedisKey Key(string commune) => "gw:census:" + commune.ToLowerInvariant();

    public async Task<CensusShares> GetAsync(string commune, CancellationToken cancellationToken)
    {
        var json = await redis.GetDatabase().StringGetAsync(Key(commune));
        return json.IsNull ? CensusShares.None : StoreJson.Deserialize<CensusShares>(json.ToString()) ?? CensusShares.None;
    }

    public Task PutAsync(string commune, CensusShares shares, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(Key(commune), StoreJson.Serialize(shares));
}
