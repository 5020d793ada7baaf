using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The real gateway in process on the real servers of <see cref="Servers"/> (the shape of Gateway.Tests' GatewayApplication,
/// with the system clock: Redis TTLs run on real time). Each test owns a fresh instance.
/// </summary>
public class IntegrationGatewayApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ConnectionStrings:Redis"] = Servers.Redis,
        ["ConnectionStrings:RabbitMq"] = Servers.RabbitMq,
        // Fast retries so outage tests do not wait for the production backoff.
        ["Outbox:MaxBackoff"] = "00:00:01",
        ["Outbox:PublishTimeout"] = "00:00:05",
    };
    private readonly List<Action<IServiceCollection>> _services = [];

    public IntegrationGatewayApplication With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public IntegrationGatewayApplication WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting: visible to Program's AddX methods, which read ConnectionStrings at registration.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            foreach (var configure in _services) configure(services);
        });
    }

    /// <summary>
    /// Stops the bus, waiting for every receive endpoint, before the host and its container go. After a broker restart
    /// an endpoint may still be reconnecting; the host's own stop gives up after its timeout and MassTransit 8 can then
    /// bring that endpoint back as a consumer of a disposed container, which takes (and faults) the next test's messages.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Services.GetRequiredService<MassTransit.IBusControl>().StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // Never started, already stopped, or the broker is gone for good: the host's own stop does the rest.
        }
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
