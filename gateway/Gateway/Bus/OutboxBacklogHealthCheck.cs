using Gateway.Observability;
using Gateway.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Gateway.Conversations.Ports;

namespace Gateway.Bus;

/// <summary>
/// Readiness: how many events wait for the bus. A long backlog means the broker is down or slow; the gateway still
/// works (events are safe in the outbox), so this is Degraded, never Unhealthy.
/// </summary>
internal sealed class OutboxBacklogHealthCheck(IOutboxStore outbox, IOptions<OutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        long backlog;
        try
        {
            backlog = await outbox.BacklogAsync(cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            return HealthCheckResult.Degraded("outbox backlog unknown: the state store is unavailable");
        }
        GatewayMetrics.OutboxBacklog.Set(backlog);
        var limit = options.Value.DegradedBacklog;
        return backlog > limit
            ? HealthCheckResult.Degraded($"{backlog} events wait for the bus (more than {limit})")
            : HealthCheckResult.Healthy($"{backlog} events wait for the bus");
    }
}
