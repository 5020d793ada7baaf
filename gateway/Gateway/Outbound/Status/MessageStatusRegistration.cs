using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Outbound.Status;

public static class MessageStatusRegistration
{
    /// <summary>Shared by every channel: TryAdd so that the first channel registers and the lead can replace them.</summary>
    public static IServiceCollection AddMessageStatus(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddStore<IMessageStatusStore, RedisMessageStatusStore, InMemoryMessageStatusStore>();
        services.TryAddSingleton<IStatusEvents, DefaultStatusEvents>();
        services.TryAddSingleton<MessageSenders>();
        return services;
    }
}
