using Gateway.OpenApi;

namespace Gateway.Channels;

/// <summary>
/// One provider's registration: the services it needs and the routes it answers. A provider folder has one class that
/// implements it (<c>TwilioChannel</c>, <c>KannelChannel</c>...), and the host adds it with one line,
/// <c>builder.AddChannel&lt;TwilioChannel&gt;()</c>; <c>app.MapChannels()</c> maps the routes of every channel added.
/// </summary>
public interface IChannel
{
    /// <summary>Options, senders, verifiers and whatever else the provider's routes and senders resolve.</summary>
    static abstract void AddServices(WebApplicationBuilder builder);

    /// <summary>The provider's webhooks.</summary>
    static abstract void MapRoutes(IEndpointRouteBuilder app);
}

/// <summary>The routes of a channel added with <see cref="ChannelRegistration.AddChannel{TChannel}"/>, mapped by <see cref="ChannelRegistration.MapChannels"/>.</summary>
public sealed record ChannelRoutes(Type Channel, Action<IEndpointRouteBuilder> Map);

public static class ChannelRegistration
{
    /// <summary>Adds a channel's services now and remembers its routes for <see cref="MapChannels"/>; adding the same channel twice adds it once.</summary>
    public static WebApplicationBuilder AddChannel<TChannel>(this WebApplicationBuilder builder) where TChannel : IChannel
    {
        if (builder.Services.Any(d => d.ImplementationInstance is ChannelRoutes routes && routes.Channel == typeof(TChannel))) return builder;
        TChannel.AddServices(builder);
        builder.Services.AddSingleton(new ChannelRoutes(typeof(TChannel), TChannel.MapRoutes));
        return builder;
    }

    /// <summary>Maps the webhooks of every channel added, in the order they were added.</summary>
    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        // Public on purpose: a provider cannot sign in. Each webhook checks its provider's signature instead (VerifiedWebhook).
        var webhooks = app.MapGroup("").AllowAnonymous().AsProviderWebhooks();
        foreach (var channel in app.ServiceProvider.GetServices<ChannelRoutes>()) channel.Map(webhooks);
        return app;
    }
}
