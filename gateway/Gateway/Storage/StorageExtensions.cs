using Gateway.Admin.Accounts;
using Gateway.Admin.Audit;
using Gateway.Admin.Stored;
using Gateway.Observability;
using Gateway.Storage.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the stores: Redis (<see cref="RedisStore"/> over one shared <see cref="IConnectionMultiplexer"/>) when
    /// <c>ConnectionStrings:Redis</c> is set, else the embedded <see cref="InMemoryStore"/>. Either way one instance serves
    /// <see cref="IContactStore"/>, <see cref="IOutboxStore"/>, <see cref="ICounterStore"/> and <see cref="IOutboxDeadLetters"/>.
    /// The choice (<see cref="StorageChoice"/>) is made here once; every other store follows it through
    /// <see cref="StoreRegistration.AddStore{TStore, TRedis, TMemory}"/>. The stores of folders below this one (which cannot
    /// name it) are registered here too: the audit log, the staff accounts, the admin keys made by <c>keys create</c>, Redis's health check.
    /// </summary>
    public static WebApplicationBuilder AddGatewayStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        var choice = builder.Storage();
        services.RemoveAll<StorageChoice>();
        services.AddSingleton(choice);
        AddLowerStores(services, choice);
        if (choice.RedisConfiguration is not { } redis)
        {
            services.AddSingleton<InMemoryStore>();
            services.AddSingleton<IContactStore>(sp => sp.GetRequiredService<InMemoryStore>());
            services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<InMemoryStore>());
            services.AddSingleton<ICounterStore>(sp => sp.GetRequiredService<InMemoryStore>());
            services.AddSingleton<IOutboxDeadLetters>(sp => sp.GetRequiredService<InMemoryStore>());
            services.AddSingleton<IOutboxWriter>(sp => sp.GetRequiredService<InMemoryStore>());
            return builder;
        }

        services.AddSingleton<IConnectionMultiplexer>(_ => RedisConnection.Connect(redis));
        // 0 turns the cache off (every step then reads Redis first).
        services.AddSingleton(new ContactStateCache(builder.Configuration.GetValue("Gateway:StateCacheSize", ContactStateCache.DefaultCapacity)));
        services.AddSingleton<RedisStore>();
        services.AddSingleton<IContactStore>(sp => sp.GetRequiredService<RedisStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<RedisStore>());
        services.AddSingleton<ICounterStore>(sp => sp.GetRequiredService<RedisStore>());
        services.AddSingleton<IOutboxDeadLetters>(sp => sp.GetRequiredService<RedisStore>());
        services.AddSingleton<IOutboxWriter>(sp => sp.GetRequiredService<RedisStore>());
        return builder;
    }

    private static void AddLowerStores(IServiceCollection services, StorageChoice choice)
    {
        services.AddStore<IAuditLog, RedisAuditLog, InMemoryAuditLog>();
        services.AddStore<IStaffAccounts, RedisStaffAccounts, InMemoryStaffAccounts>();
        if (!choice.UsesRedis) return;
        // Keys created by `keys create` live in Redis when there is one, so revoking one takes effect on every replica.
        services.AddSingleton<IAdminKeyStore, RedisAdminKeyStore>();
        services.AddHostedService<AdminKeyRefresher>();
        services.AddRedisHealthCheck();
    }
}
