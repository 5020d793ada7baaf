using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Channels.Ussd;

/// <summary>The USSD channel: every aggregator route (Africa's Talking, Arkesel and those configured under <c>Ussd:&lt;route&gt;</c>).</summary>
public sealed class UssdChannel : IChannel
{
    /// <summary>USSD session logic, the Africa's Talking and Arkesel formats, and the in-memory session store (unless another is registered).</summary>
    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        // Redis when the gateway has one (any replica answers the next hop), else process memory.
        services.TryAddStore<IUssdSessionStore, RedisUssdSessionStore, InMemoryUssdSessionStore>();
        services.AddSingleton<IUssdFormat, AfricasTalkingUssdFormat>();
        services.AddSingleton<IUssdFormat, ArkeselUssdFormat>();
        services.AddSingleton<UssdFormats>();
        services.AddSingleton<UssdRoutes>();
        services.AddSingleton<UssdVerifier>();
        services.AddSingleton<UssdSessionOutcomes>();
        // A factory, so that build-time validation does not require the engine: the host composes it separately.
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<UssdSessionHandler>(sp));
    }

    public static void MapRoutes(IEndpointRouteBuilder app) => UssdWebhooks.Map(app);
}
