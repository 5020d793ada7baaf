using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Paces sends per provider sender (<c>Alerts:RateLimits:&lt;provider&gt;</c> segments/s), shared by every replica, in two steps:
/// <list type="number">
/// <item>GCRA by reservation: each send books the next slot of the sender's time line (cost × 1/(rate × headroom)) and
/// waits for it, so sends are spread evenly and replicas never burst together;</item>
/// <item>a sliding-window grant just before the send: at most <c>rate</c> segments granted in any window of one second
/// (plus a 100 ms guard). A send delayed past its slot (a GC pause, a busy machine) then pushes the next ones back
/// instead of letting a later one catch up with it: no 1-second window ever holds more than the rate.</item>
/// </list>
/// </summary>
public interface IAlertRateLimiter
{
    /// <summary>
    /// Waits until <paramref name="cost"/> segments may go through (provider, sender); between the paced wait and the grant it
    /// asks <paramref name="stillWanted"/> (e.g. the alert was not cancelled meanwhile) and returns false, granting nothing, when not.
    /// </summary>
    Task<bool> WaitAsync(string provider, string sender, int cost, Func<CancellationToken, Task<bool>> stillWanted, CancellationToken cancellationToken);
}

public abstract class GcraLimiterBase(IOptions<AlertsOptions> options) : IAlertRateLimiter
{
    /// <summary>The grant window: one second plus a guard for the time between the grant and the provider receiving the message.</summary>
    protected const double WindowMs = 1100;

    private readonly AlertsOptions _options = options.Value;

    public async Task<bool> WaitAsync(string provider, string sender, int cost, Func<CancellationToken, Task<bool>> stillWanted,
        CancellationToken cancellationToken)
    {
        if (!_options.RateLimits.TryGetValue(provider, out var rate) || rate <= 0) return await stillWanted(cancellationToken);
        var key = provider + ":" + sender;
        cost = Math.Max(1, cost);
        var intervalMs = 1000.0 / (rate * Math.Clamp(_options.RateLimitHeadroom, 0.1, 1.0));
        var waitMs = await ReserveAsync(key, intervalMs * cost, cancellationToken);
        if (waitMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken);
        if (!await stillWanted(cancellationToken)) return false;

        var limit = Math.Max(cost, (int)Math.Floor(rate));
        while ((waitMs = await GrantAsync(key, cost, limit, cancellationToken)) > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken);
        return true;
    }

    /// <summary>Books <paramref name="costMs"/> of the sender's time line; returns how long to wait for the booked slot.</summary>
    protected abstract Task<double> ReserveAsync(string key, double costMs, CancellationToken cancellationToken);

    /// <summary>Grants <paramref name="cost"/> segments when the last <see cref="WindowMs"/> holds at most limit − cost of them: returns 0, else how long to wait before asking again.</summary>
    protected abstract Task<double> GrantAsync(string key, int cost, int limit, CancellationToken cancellationToken);
}

/// <summary>The embedded limiter: one process, real time (pacing is about the provider's wall clock, not the gateway's test clock).</summary>
public sealed class InMemoryRateLimiter(IOptions<AlertsOptions> options) : GcraLimiterBase(options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _tat = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<double>> _granted = new(StringComparer.Ordinal);
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

    protected override Task<double> GrantAsync(string key, int cost, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed.TotalMilliseconds;
            if (!_granted.TryGetValue(key, out var granted)) _granted[key] = granted = new Queue<double>();
            while (granted.Count > 0 && granted.Peek() <= now - WindowMs) granted.Dequeue();
            if (granted.Count + cost > limit)
                return Task.FromResult(Math.Max(1, granted.ElementAt(granted.Count + cost - limit - 1) + WindowMs - now));
            for (var i = 0; i < cost; i++) granted.Enqueue(now);
            return Task.FromResult(0.0);
        }
    }
}

/// <summary>
/// The shared limiter: Lua scripts on <c>gw:{rl:&lt;provider&gt;:&lt;sender&gt;}</c> (the GCRA time line) and
/// <c>gw:{rl:&lt;provider&gt;:&lt;sender&gt;}:granted</c> (a sorted set of grants), timed by Redis's own clock (TIME) so
/// replicas with skewed clocks still share one time line.
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

    // KEYS: granted zset. ARGV: cost, limit, window ms. Members are unique (time + a counter); scores are grant times.
    private const string Grant = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
        local window = tonumber(ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local cost = tonumber(ARGV[1])
        local count = redis.call('ZCARD', KEYS[1])
        if count + cost > tonumber(ARGV[2]) then
          local oldest = redis.call('ZRANGE', KEYS[1], count + cost - tonumber(ARGV[2]) - 1, count + cost - tonumber(ARGV[2]) - 1, 'WITHSCORES')
          return string.format('%.3f', math.max(1, tonumber(oldest[2]) + window - now))
        end
        local seq = redis.call('INCR', KEYS[1] .. ':seq')
        for i = 1, cost do
          redis.call('ZADD', KEYS[1], now, string.format('%.3f', now) .. ':' .. seq .. ':' .. i)
        end
        redis.call('PEXPIRE', KEYS[1], math.ceil(window) + 1000)
        redis.call('PEXPIRE', KEYS[1] .. ':seq', math.ceil(window) + 1000)
        return '0'
        """;

    protected override async Task<double> ReserveAsync(string key, double costMs, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Reserve, ["gw:{rl:" + key + "}"],
            [costMs.ToString("R", CultureInfo.InvariantCulture)]);
        return double.Parse((string)result!, CultureInfo.InvariantCulture);
    }

    protected override async Task<double> GrantAsync(string key, int cost, int limit, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Grant, ["gw:{rl:" + key + "}:granted"],
            [cost, limit, WindowMs.ToString("R", CultureInfo.InvariantCulture)]);
        return double.Parse((string)result!, CultureInfo.InvariantCulture);
    }
}
