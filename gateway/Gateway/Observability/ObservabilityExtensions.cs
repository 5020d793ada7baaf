using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Gateway.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Health checks tagged <c>ready</c>: <c>redis</c> (PING, only when Redis is configured; Unhealthy when it fails);
    /// <c>AddGatewayBus</c> adds <c>outbox</c> (backlog) and MassTransit's <c>bus</c> check (both Degraded at worst).
    /// </summary>
    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder)
    {
        FrameworkMetrics.Configure();
        builder.AddRequestLogPrivacy();
        builder.AddJsonLogsWhenAsked();
        builder.Services.AddSingleton<Conversations.IStepObserver, StepMetrics>();
        var checks = builder.Services.AddHealthChecks();
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(3));
        return builder;
    }

    /// <summary>
    /// <c>GET /health/live</c> (200 while the process runs, no dependency checked), <c>GET /health/ready</c>
    /// (200 Healthy/Degraded, 503 Unhealthy, JSON saying which check and why) and <c>GET /metrics</c> (Prometheus text).
    /// </summary>
    public static IEndpointRouteBuilder MapGatewayObservability(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        // Public on purpose, like the health checks: load balancers and Prometheus scrape them without a key. Only
        // aggregates (counts, durations), never a number, a contact id or a commune's text.
        endpoints.MapMetrics("/metrics").AllowAnonymous();
        return endpoints;
    }
}
