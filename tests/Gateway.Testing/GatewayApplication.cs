using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Testing;

/// <summary>
/// The unit tests' profile of the one test host: the real gateway in process, on its embedded default (no Redis,
/// no RabbitMQ), with a fake clock. Each test owns a fresh instance (<c>await using var app = new GatewayApplication();</c>).
/// </summary>
public sealed class GatewayApplication : GatewayHost<GatewayApplication>
{
    /// <summary>The clock every component of the host reads (starts at a fixed Tuesday noon in Morocco).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(1)));

    protected override void ConfigureServices(IServiceCollection services)
    {
        // MassTransit's harness keeps the gateway's consumers on the in-memory transport and records
        // everything published, so tests can assert the events a conversation caused.
        services.AddMassTransitTestHarness();
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }
}
