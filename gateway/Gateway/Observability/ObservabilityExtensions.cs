using Gateway.OpenApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Gateway.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Health checks tagged <c>ready</c>: <c>redis</c> (PING, only when Redis is configured, <see cref="AddRedisHealthCheck"/>;
    /// Unhealthy when it fails); <c>AddGatewayBus</c> adds <c>outbox</c> (backlog) and MassTransit's <c>bus</c> check (both Degraded at worst).
    /// </summary>
    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder)
    {
        FrameworkMetrics.Configure();
        builder.AddRequestLogPrivacy();
        builder.AddJsonLogsWhenAsked();
        builder.Services.AddSingleton<Conversations.IStepObserver, StepMetrics>();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The <c>redis</c> readiness check; AddGatewayStorage adds it when it chooses Redis.</summary>
    public static IServiceCollection AddRedisHealthCheck(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(3));
        return services;
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
        }).AllowAnonymous().DescribedAs(new NonHandlerEndpoint("HealthLive", "Health", "Liveness",
            "200 while the process runs; no dependency is checked (a load balancer's liveness probe).",
            new Dictionary<int, (string, string)> { [200] = ("application/json", "The process runs.") }));
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous().DescribedAs(new NonHandlerEndpoint("HealthReady", "Health", "Readiness",
            "Whether the gateway can serve: Redis and the bus are checked; the JSON says which check failed and why.",
            new Dictionary<int, (string, string)>
            {
                [200] = ("application/json", "Healthy or degraded: route traffic here."),
                [503] = ("application/json", "Unhealthy: a dependency is down."),
            }));
        // Public on purpose, like the health checks: load balancers and Prometheus scrape them without a key. Only
        // aggregates (counts, durations), never a number, a contact id or a commune's text.
        endpoints.MapMetrics("/metrics").AllowAnonymous().DescribedAs(new NonHandlerEndpoint("Metrics", "Metrics", "Prometheus metrics",
            "Counters, gauges and histograms in Prometheus' text exposition format; aggregates only, never a number or a contact id.",
            new Dictionary<int, (string, string)> { [200] = ("text/plain", "The metrics, in Prometheus' text format.") }));
        return endpoints;
    }
}
