using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Profiles.Places;

/// <summary>
/// Places on Redis. Each command touches one key, so no hash tags are needed:
/// <code>
/// gw:places:&lt;commune&gt;   string: the commune's list as JSON
/// gw:placesversion         counter, INCR after every write (read by every replica's directory on each step)
/// </code>
/// </summary>
public sealed class RedisPlaceStore(IConnectionMultiplexer redis) : IPlaceStore
{
    public static RedisKey Places(string commune) => "gw:places:" + commune.ToLowerInvariant();

    /// <summary>Outside <c>gw:places:</c>, so that no commune id can clash with it.</summary>
    public static readonly RedisKey Version = "gw:placesversion";

    private IDatabase Db => redis.GetDatabase();

    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken) =>
        (long?)await Db.StringGetAsync(Version) ?? 0;

    public async Task<IReadOnlyList<Place>> GetAsync(string commune, CancellationToken cancellationToken)
    {
        var json = await Db.StringGetAsync(Places(commune));
        return json.IsNull ? [] : StoreJson.Deserialize<List<Place>>(json.ToString()) ?? [];
    }

    public async Task PutAsync(string commune, IReadOnlyList<Place> places, CancellationToken cancellationToken)
    {
        var db = Db;
        await db.StringSetAsync(Places(commune), StoreJson.Serialize(places));
        // After the write: a directory that reads the new version reads the new list.
        await db.StringIncrementAsync(Version);
    }
}
