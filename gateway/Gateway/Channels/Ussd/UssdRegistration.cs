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
        services.TryAddSingleton<IUssdSessionStore, InMemoryUssdSessionStore>();
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
