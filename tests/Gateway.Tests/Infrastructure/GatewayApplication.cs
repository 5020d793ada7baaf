using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The one test host: the real gateway in process, on its embedded default (no Redis, no RabbitMQ),
/// with a fake clock. Each test owns a fresh instance (<c>await using var app = new GatewayApplication();</c>).
/// </summary>
public class GatewayApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ConnectionStrings:Redis"] = "",
        ["ConnectionStrings:RabbitMq"] = "",
    };
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>The clock every component of the host reads (starts at a fixed Tuesday noon in Morocco).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.FromHours(1)));

    /// <summary>The host's environment: Testing unless a test is about what another environment changes.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Sets a configuration value (keys with ':'), before the host starts.</summary>
    public GatewayApplication With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces or adds services, before the host starts.</summary>
    public GatewayApplication WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // UseSetting makes the values visible to Program's own code before Build() (AddX methods read
        // ConnectionStrings:* at registration); ConfigureAppConfiguration alone applies only after it.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            // MassTransit's harness keeps the gateway's consumers on the in-memory transport and records
            // everything published, so tests can assert the events a conversation caused.
            services.AddMassTransitTestHarness();
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var configure in _services) configure(services);
        });
    }
}
