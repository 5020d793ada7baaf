using System.Text.Json;
using StackExchange.Redis;

namespace Gateway.Admin.Audit;

/// <summary>
/// The audit log as one Redis stream (<c>gw:audit</c>, a single key, so cluster-safe), trimmed to about
/// <see cref="MaxEntries"/> entries: years of admin actions for sixty communes.
/// </summary>
public sealed class RedisAuditLog(IConnectionMultiplexer redis) : IAuditLog
{
    public const string Key = "gw:audit";
    public const int MaxEntries = 1_000_000;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        await redis.GetDatabase().StreamAddAsync(Key, "e", JsonSerializer.Serialize(entry, JsonSerializerOptions.Web),
            maxLength: MaxEntries, useApproximateMaxLength: true);

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int max, CancellationToken cancellationToken)
    {
        // minId, maxId as XRANGE takes them: with Order.Descending StackExchange.Redis sends XREVRANGE maxId minId itself.
        var entries = await redis.GetDatabase().StreamRangeAsync(Key, "-", "+", count: max, messageOrder: Order.Descending);
        return [.. entries.Select(e => JsonSerializer.Deserialize<AuditEntry>((string)e["e"]!, JsonSerializerOptions.Web)!)];
    }
}
