using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Storage;

/// <summary>
/// The seam every store goes through: one line per store names its two implementations, and the gateway's
/// <see cref="StorageChoice"/> picks one (Redis or memory) when the store is first needed. A singleton built by the
/// container, so the implementation's constructor takes what it needs (the multiplexer, the clock, options).
/// </summary>
public static class StoreRegistration
{
    /// <summary>The storage choice, from the builder's configuration: for what exists only with Redis (a refresher, a key ring).</summary>
    public static StorageChoice Storage(this WebApplicationBuilder builder) => StorageChoice.Of(builder.Configuration);

    /// <summary>Registers <typeparamref name="TStore"/> as <typeparamref name="TRedis"/> or <typeparamref name="TMemory"/>.</summary>
    public static IServiceCollection AddStore<TStore, TRedis, TMemory>(this IServiceCollection services)
        where TStore : class where TRedis : class, TStore where TMemory : class, TStore
    {
        AddChoice(services);
        services.AddSingleton(Create<TStore, TRedis, TMemory>);
        return services;
    }

    /// <summary>The same unless <typeparamref name="TStore"/> is registered already (stores shared by channels: the first registration stands, a test may put its own first).</summary>
    public static IServiceCollection TryAddStore<TStore, TRedis, TMemory>(this IServiceCollection services)
        where TStore : class where TRedis : class, TStore where TMemory : class, TStore
    {
        AddChoice(services);
        services.TryAddSingleton(Create<TStore, TRedis, TMemory>);
        return services;
    }

    // AddGatewayStorage registers the choice it made; this covers a store registered before it (the configuration is the same).
    private static void AddChoice(IServiceCollection services) =>
        services.TryAddSingleton(sp => StorageChoice.Of(sp.GetRequiredService<IConfiguration>()));

    private static TStore Create<TStore, TRedis, TMemory>(IServiceProvider services)
        where TStore : class where TRedis : class, TStore where TMemory : class, TStore =>
        services.GetRequiredService<StorageChoice>().UsesRedis
            ? ActivatorUtilities.CreateInstance<TRedis>(services)
            : ActivatorUtilities.CreateInstance<TMemory>(services);
}
