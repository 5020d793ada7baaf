using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Channels.Ussd;

public static class UssdRegistration
{
    /// <summary>USSD session logic, the Africa's Talking and Arkesel formats, and the in-memory session store (unless another is registered).</summary>
    public static WebApplicationBuilder AddUssdChannels(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        // Redis when the gateway has one (any replica answers the next hop), else process memory.
        services.TryAddSingleton<IUssdSessionStore>(sp => sp.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { } redis
            ? new RedisUssdSessionStore(redis)
            : new InMemoryUssdSessionStore(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IUssdFormat, AfricasTalkingUssdFormat>();
        services.AddSingleton<IUssdFormat, ArkeselUssdFormat>();
        services.AddSingleton<UssdFormats>();
        services.AddSingleton<UssdRoutes>();
        services.AddSingleton<UssdSessionOutcomes>();
        // A factory, so that build-time validation does not require the engine: the host composes it separately.
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<UssdSessionHandler>(sp));
        return builder;
    }
}
