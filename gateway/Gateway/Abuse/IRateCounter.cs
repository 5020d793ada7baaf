using Gateway.Storage.Redis;
using StackExchange.Redis;

namespace Gateway.Abuse;

/// <summary>Fixed-window hit counters, shared across replicas (Redis) or per process (the embedded default).</summary>
public interface IRateCounter
{
    /// <summary>Counts one hit of <paramref name="key"/> in the window holding <paramref name="now"/>; returns the window's count so far.</summary>
    /// <param name="slot">A Redis Cluster hash tag to keep the counter beside related keys (the contact's shard), or null.</param>
    Task<long> HitAsync(string key, string? slot, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the counters of <paramref name="key"/> (the current and previous windows): erasure.</summary>
    Task ForgetAsync(string key, string? slot, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The window a time falls in, and when it ends.</summary>
internal static class Windows
{
    public static long Index(DateTimeOffset now, TimeSpan window) => now.ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;

    public static TimeSpan Remaining(DateTimeOffset now, TimeSpan window) =>
        TimeSpan.FromMilliseconds((Index(now, window) + 1) * (long)window.TotalMilliseconds - now.ToUnixTimeMilliseconds());
}

/// <summary>One key per window (<c>gw:{slot}:rate:&lt;key&gt;:&lt;window&gt;</c>), INCR and its expiry in one script on one slot.</summary>
public sealed class RedisRateCounter(IConnectionMultiplexer redis) : IRateCounter
{
    private static readonly LuaScript Hit = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @ttl) end return n");

    public async Task<long> HitAsync(string key, string? slot, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken) =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(Hit,
            new { key = RedisKeys.Rate(slot, key, Windows.Index(now, window)), ttl = (long)window.TotalMilliseconds * 2 });

    public async Task ForgetAsync(string key, string? slot, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = Windows.Index(now, window);
        foreach (var i in new[] { index, index - 1 }) await redis.GetDatabase().KeyDeleteAsync(RedisKeys.Rate(slot, key, i));
    }
}

/// <summary>The embedded default: per process, bounded (windows that ended are dropped as new ones start).</summary>
public sealed class InMemoryRateCounter : IRateCounter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Key, long Window), long> _counts = new();

    public Task<long> HitAsync(string key, string? slot, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = Windows.Index(now, window);
        if (_counts.Count > 10_000)
            foreach (var old in _counts.Keys.Where(k => k.Window < index - 1).ToList()) _counts.TryRemove(old, out _);
        return Task.FromResult(_counts.AddOrUpdate((key, index), 1, (_, n) => n + 1));
    }

    public Task ForgetAsync(string key, string? slot, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var index = Windows.Index(now, window);
        _counts.TryRemove((key, index), out _);
        _counts.TryRemove((key, index - 1), out _);
        return Task.CompletedTask;
    }
}
