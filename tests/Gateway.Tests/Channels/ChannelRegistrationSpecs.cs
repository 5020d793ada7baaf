using Gateway.Channels;
using Gateway.Channels.Kannel;
using Gateway.Channels.Infobip;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Channels;

/// <summary>A channel is one registration: <c>AddChannel&lt;T&gt;()</c> adds its services, <c>MapChannels()</c> its routes.</summary>
public sealed class ChannelRegistrationSpecs
{
    [Fact]
    public async Task Map_channels_maps_the_routes_of_the_channels_added_and_only_those()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.AddChannel<KannelChannel>();
        builder.AddChannel<InfobipChannel>();
        await using var app = builder.Build();

        app.MapChannels();

        Assert.Equal(["/webhooks/infobip", "/webhooks/kannel", "/webhooks/kannel/dlr"], Routes(app));
    }

    [Fact]
    public async Task A_channel_added_twice_is_registered_and_mapped_once()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.AddChannel<InfobipChannel>();
        builder.AddChannel<InfobipChannel>();
        await using var app = builder.Build();

        app.MapChannels();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(InfobipSender));
        Assert.Equal(["/webhooks/infobip"], Routes(app));
    }

    private static List<string> Routes(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => (endpoint.RoutePattern.RawText ?? "").TrimEnd('/')).Distinct().Order(StringComparer.Ordinal)];
}
