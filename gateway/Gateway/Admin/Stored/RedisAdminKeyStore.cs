using System.Text.Json;
using StackExchange.Redis;

namespace Gateway.Admin.Stored;

/// <summary>
/// Stored admin keys in one Redis hash (one key, so one slot: cluster-safe), read whole by each replica every few seconds.
/// <code>
/// gw:adminkeys   hash: key:&lt;name, lowercase&gt; = StoredAdminKey JSON (the key's hash, never the key)
///                      revoked:&lt;sha256:hex&gt;    = KeyRevocation JSON (a configuration key revoked)
/// </code>
/// </summary>
public sealed class RedisAdminKeyStore(IConnectionMultiplexer redis) : IAdminKeyStore
{
    public const string Key = "gw:adminkeys";
    private const string KeyField = "key:";
    private const string RevokedField = "revoked:";

    public async Task<AdminKeyStoreSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync(Key);
        List<StoredAdminKey> keys = [];
        List<KeyRevocation> revoked = [];
        foreach (var field in fields)
        {
            var name = field.Name.ToString();
            if (name.StartsWith(KeyField, StringComparison.Ordinal)) keys.Add(Deserialize<StoredAdminKey>(field.Value));
            else if (name.StartsWith(RevokedField, StringComparison.Ordinal)) revoked.Add(Deserialize<KeyRevocation>(field.Value));
        }
        return new AdminKeyStoreSnapshot(keys, revoked);
    }

    public Task<bool> TryAddAsync(StoredAdminKey key, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashSetAsync(Key, KeyField + key.Name.ToLowerInvariant(), Serialize(key), When.NotExists);

    public async Task<StoredAdminKey?> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var field = KeyField + name.ToLowerInvariant();
        var stored = await db.HashGetAsync(Key, field);
        if (stored.IsNull) return null;
        return await db.HashDeleteAsync(Key, field) ? Deserialize<StoredAdminKey>(stored) : null;
    }

    public Task RevokeAsync(KeyRevocation revocation, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashSetAsync(Key, RevokedField + revocation.Hash.ToLowerInvariant(), Serialize(revocation));

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private static T Deserialize<T>(RedisValue value) => JsonSerializer.Deserialize<T>(value.ToString(), JsonSerializerOptions.Web)!;
}
