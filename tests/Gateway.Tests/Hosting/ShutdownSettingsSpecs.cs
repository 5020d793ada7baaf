using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting;

/// <summary>
/// One setting bounds a stop (SIGTERM): the host's shutdown time, from which the bus takes its own (the stop itself, with
/// replies in flight, is proven on real servers by the integration tests' GracefulShutdownSpecs).
/// </summary>
public sealed class ShutdownSettingsSpecs
{
    [Theory]
    [InlineData(null, 25)]
    [InlineData("00:00:20", 20)]
    public async Task The_host_stops_within_Gateway_ShutdownTimeout_and_the_bus_lets_its_consumers_go_well_before(string? setting, int seconds)
    {
        await using var app = new GatewayApplication().With("Gateway:ShutdownTimeout", setting);

        var host = app.Services.GetRequiredService<IOptions<HostOptions>>().Value;
        var bus = app.Services.GetRequiredService<IOptions<MassTransitHostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(seconds), host.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(seconds) / 5, bus.ConsumerStopTimeout);
        Assert.Equal(TimeSpan.FromSeconds(seconds) * 2 / 5, bus.StopTimeout);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-00:00:05")]
    [InlineData("01:00:00")]
    public async Task A_shutdown_time_that_is_not_a_sensible_duration_stops_the_start_naming_the_setting(string setting)
    {
        await using var app = new GatewayApplication().With("Gateway:ShutdownTimeout", setting);

        var error = Record.Exception(() => app.Services);

        Assert.NotNull(error);
        Assert.Contains($"Gateway:ShutdownTimeout is '{setting}'", error.ToString());
    }
}
