using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Gateway.Observability;

/// <summary>
/// Readiness: Redis answers PING. Without it no conversation step can commit, so this one is Unhealthy (503). Answers
/// within a second when Redis is down (a load balancer must take the replica out quickly): no connection up means
/// down at once, without a round trip, and a PING that does not come back within <see cref="ProbeTimeout"/> means down
/// too, though the command itself may wait longer (asyncTimeout) on the connection.
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(800);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
            return HealthCheckResult.Unhealthy("redis unreachable: no connection is up (reconnecting in the background)");
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(ProbeTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"redis answered PING in {latency.TotalMilliseconds:0.#} ms");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"redis unreachable: no answer to PING within {ProbeTimeout.TotalMilliseconds:0} ms");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy($"redis unreachable: {ex.Message}");
        }
    }
}
