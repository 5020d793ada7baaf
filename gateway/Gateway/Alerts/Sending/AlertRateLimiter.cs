using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Paces sends per provider sender (<c>Alerts:RateLimits:&lt;provider&gt;</c> segments/s) with GCRA by reservation: each
/// send books the next free slot (theoretical arrival time += cost × 1/rate) and waits for it. Burst is one message, so
/// messages of one segment are spaced at least 1/rate apart: no 1-second window holds more than the rate (a message of
/// n segments counts at its instant, so a window may hold up to n − 1 segments more; the headroom absorbs it in practice).
/// </summary>
public interface IAlertRateLimiter
{
    /// <summary>Waits until <paramref name="cost"/> segments may go through (provider, sender). Returns at once for an unpaced provider.</summary>
    Task WaitAsync(string provider, string sender, int cost, CancellationToken cancellationToken);
}

public abstract class GcraLimiterBase(IOptions<AlertsOptions> options) : IAlertRateLimiter
{
    private readonly AlertsOptions _options = options.Value;

    public async Task WaitAsync(string provider, string sender, int cost, CancellationToken cancellationToken)
    {
        if (!_options.RateLimits.TryGetValue(provider, out var rate) || rate <= 0) return;
        var intervalMs = 1000.0 / (rate * Math.Clamp(_options.RateLimitHeadroom, 0.1, 1.0));
        var waitMs = await ReserveAsync(provider + ":" + sender, intervalMs * Math.Max(1, cost), cancellationToken);
        if (waitMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken);
    }

    /// <summary>Books <paramref name="costMs"/> of the sender's time line; returns how long to wait for the booked slot.</summary>
    protected abstract Task<double> ReserveAsync(string key, double costMs, CancellationToken cancellationToken);
}

/// <summary>The embedded limiter: one process, real time (pacing is about the provider's wall clock, not the gateway's test clock).</summary>
public sealed class InMemoryRateLimiter(IOptions<AlertsOptions> options) : GcraLimiterBase(options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _tat = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    protected override Task<double> ReserveAsync(string key, double costMs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed.TotalMilliseconds;
            var start = Math.Max(_tat.GetValueOrDefault(key), now);
            _tat[key] = start + costMs;
            return Task.FromResult(start - now);
        }
    }
}

/// <summary>
/// The shared limiter: one Lua script per reservation on <c>gw:{rl:&lt;provider&gt;:&lt;sender&gt;}</c>, timed by Redis's own
/// clock (TIME) so replicas with skewed clocks still share one time line.
/// </summary>
public sealed class RedisRateLimiter(IConnectionMultiplexer redis, IOptions<AlertsOptions> options) : GcraLimiterBase(options)
{
    private const string Reserve = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        local nextTat = tat + tonumber(ARGV[1])
        redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 1000)
        return string.format('%.3f', tat - now)
        """;

    protected override async Task<double> ReserveAsync(string key, double costMs, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Reserve, ["gw:{rl:" + key + "}"],
            [costMs.ToString("R", CultureInfo.InvariantCulture)]);
        return double.Parse((string)result!, CultureInfo.InvariantCulture);
    }
}
