using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Outbound.Status;

public static class MessageStatusRegistration
{
    /// <summary>Shared by every channel: TryAdd so that the first channel registers and the lead can replace them.</summary>
    public static IServiceCollection AddMessageStatus(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMessageStatusStore>(sp => sp.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { } redis
            ? new RedisMessageStatusStore(redis)
            : new InMemoryMessageStatusStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IStatusEvents, DefaultStatusEvents>();
        services.TryAddSingleton<MessageSenders>();
        return services;
    }
}
