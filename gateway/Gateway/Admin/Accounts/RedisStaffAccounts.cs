using System.Text.Json;
using StackExchange.Redis;

namespace Gateway.Admin.Accounts;

/// <summary>
/// Staff accounts in Redis. The accounts are one hash (one key, one slot: cluster-safe, and a few hundred people list in
/// one read); each failure count is its own key, expiring with its window.
/// <code>
/// {gw:accounts}              hash: &lt;login, lowercase&gt; = StaffAccount JSON (the password's hash, never the password)
/// {gw:signin}:&lt;subject&gt;:&lt;window&gt; string: failures of an account+address or an address in one fixed window (INCR, TTL)
/// </code>
/// </summary>
public sealed class RedisStaffAccounts(IConnectionMultiplexer redis) : IStaffAccounts
{
    public static readonly RedisKey Accounts = "{gw:accounts}";

    /// <summary>One subject's count in one window; the tag keeps every count on one slot (no command spans two counts today, but a sweep could).</summary>
    public static RedisKey Failures(string subject, long window) => $"{{gw:signin}}:{subject}:{window}";

    // Compare-and-set on the stored version: two administrators changing one account never lose a change.
    private static readonly LuaScript Replace = LuaScript.Prepare("""
        local stored = redis.call('HGET', @key, @field)
        if not stored then return 0 end
        if cjson.decode(stored)['version'] ~= tonumber(@expected) then return 0 end
        redis.call('HSET', @key, @field, @value)
        return 1
        """);

    public async Task<StaffAccount?> FindAsync(string login, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().HashGetAsync(Accounts, StaffAccount.Normalize(login));
        return value.IsNull ? null : Deserialize(value);
    }

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await redis.GetDatabase().HashValuesAsync(Accounts)).Select(Deserialize)];

    public Task<bool> TryAddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashSetAsync(Accounts, StaffAccount.Normalize(account.Login), Serialize(account), When.NotExists);

    public async Task<bool> TryReplaceAsync(StaffAccount account, long expectedVersion, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Replace, new
        {
            key = Accounts,
            field = StaffAccount.Normalize(account.Login),
            expected = expectedVersion,
            value = Serialize(account with { Version = expectedVersion + 1 }),
        });
        return (long)result == 1;
    }

    public async Task<long> CountFailureAsync(string subject, long window, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var key = Failures(subject, window);
        var count = await db.StringIncrementAsync(key);
        if (count == 1) await db.KeyExpireAsync(key, ttl);
        return count;
    }

    public async Task<long> FailuresAsync(string subject, long window, CancellationToken cancellationToken) =>
        (long?)await redis.GetDatabase().StringGetAsync(Failures(subject, window)) ?? 0;

    private static string Serialize(StaffAccount account) => JsonSerializer.Serialize(account, JsonSerializerOptions.Web);

    private static StaffAccount Deserialize(RedisValue value) => JsonSerializer.Deserialize<StaffAccount>(value.ToString(), JsonSerializerOptions.Web)!;
}
