using System.Globalization;
using StackExchange.Redis;

namespace Gateway.Outbound.Status;

/// <summary>
/// Message statuses in Redis, shared by every replica (a status callback may reach another replica than the sender).
/// One hash per message, kept 7 days; a status only moves forward (callbacks arrive out of order), checked in Lua.
/// </summary>
public sealed class RedisMessageStatusStore(IConnectionMultiplexer redis) : IMessageStatusStore
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    // KEYS[1] message hash. ARGV: status, rank, errorCode, at, reference, ttlSeconds, onlyIfAbsent(0|1).
    private const string Upsert = """
        local current = tonumber(redis.call('HGET', KEYS[1], 'rank') or '-1')
        if ARGV[7] == '1' and current >= 0 then
          if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'reference', ARGV[5]) end
        elseif tonumber(ARGV[2]) >= current then
          redis.call('HSET', KEYS[1], 'status', ARGV[1], 'rank', ARGV[2], 'at', ARGV[4])
          if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[3]) end
          if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'reference', ARGV[5]) end
        end
        redis.call('EXPIRE', KEYS[1], ARGV[6])
        return redis.call('HGETALL', KEYS[1])
        """;

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string provider, string messageId) => $"gw:msg:{provider}:{messageId}";

    public async Task RecordSentAsync(string provider, string messageId, string status, string? reference, CancellationToken cancellationToken) =>
        await RunAsync(provider, messageId, status, null, DateTimeOffset.UtcNow, reference, onlyIfAbsent: true);

    public Task<MessageStatusEntry> UpdateAsync(string provider, string messageId, string status, string? errorCode, DateTimeOffset at, CancellationToken cancellationToken) =>
        RunAsync(provider, messageId, status, errorCode, at, null, onlyIfAbsent: false);

    public async Task<MessageStatusEntry?> GetAsync(string provider, string messageId, CancellationToken cancellationToken)
    {
        var fields = await Db.HashGetAllAsync(Key(provider, messageId));
        return fields.Length == 0 ? null : Entry(provider, messageId, fields.ToDictionary(f => (string)f.Name!, f => (string?)f.Value));
    }

    private async Task<MessageStatusEntry> RunAsync(string provider, string messageId, string status, string? errorCode, DateTimeOffset at, string? reference, bool onlyIfAbsent)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(Upsert, [Key(provider, messageId)],
        [
            status, MessageStatusRank.Of(status), errorCode ?? "", at.ToString("O", CultureInfo.InvariantCulture),
            reference ?? "", (long)Retention.TotalSeconds, onlyIfAbsent ? "1" : "0",
        ]))!;
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < result.Length; i += 2) fields[(string)result[i]!] = (string?)result[i + 1];
        return Entry(provider, messageId, fields);
    }

    private static MessageStatusEntry Entry(string provider, string messageId, IReadOnlyDictionary<string, string?> f) => new(
        provider, messageId, f.GetValueOrDefault("status") ?? "unknown", f.GetValueOrDefault("error"), f.GetValueOrDefault("reference"),
        DateTimeOffset.TryParse(f.GetValueOrDefault("at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue);
}
