using Gateway.Conversations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Abuse;

public static class AbuseExtensions
{
    /// <summary>
    /// The shared counters (Redis when configured, else in memory), the per-number inbound limit in front of the engine
    /// (<see cref="LimitedConversationEngine"/>) and the per-key admin limit (checked with the key, Admin/AdminExtensions).
    /// Call after <c>AddConversations</c>.
    /// </summary>
    public static WebApplicationBuilder AddAbuseLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AbuseOptions>(builder.Configuration.GetSection(AbuseOptions.Section));
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis"))) builder.Services.AddSingleton<IRateCounter, InMemoryRateCounter>();
        else builder.Services.AddSingleton<IRateCounter, RedisRateCounter>();
        builder.Services.AddSingleton<Conversations.Ports.IContactDataHolder, RateCounterContactData>();
        builder.Services.TryAddSingleton<ConversationEngine>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IConversationEngine, LimitedConversationEngine>());
        return builder;
    }
}
