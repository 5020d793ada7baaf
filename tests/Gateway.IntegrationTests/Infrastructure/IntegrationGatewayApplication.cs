using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The integration tests' profile of the one test host (<see cref="GatewayHost{TSelf}"/>): the real gateway in process on
/// the real servers of <see cref="Servers"/>, with the system clock (Redis TTLs run on real time). Each test owns a fresh instance.
/// </summary>
public sealed class IntegrationGatewayApplication : GatewayHost<IntegrationGatewayApplication>
{
    public IntegrationGatewayApplication()
    {
        With("ConnectionStrings:Redis", Servers.Redis);
        With("ConnectionStrings:RabbitMq", Servers.RabbitMq);
        // Fast retries so outage tests do not wait for the production backoff.
        With("Outbox:MaxBackoff", "00:00:01");
        With("Outbox:PublishTimeout", "00:00:05");
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
