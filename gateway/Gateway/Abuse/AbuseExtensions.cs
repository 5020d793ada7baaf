using Gateway.Settings;
using Gateway.Conversations.Ports;
using Gateway.Storage;

namespace Gateway.Abuse;

public static class AbuseExtensions
{
    /// <summary>
    /// The shared counters (Redis when configured, else in memory) of the per-key admin limit (checked with the key,
    /// Admin/AdminExtensions), and the per-number inbound limit (<see cref="InboundLimit"/>), which the engine counts in
    /// each inbound step's commit.
    /// </summary>
    public static WebApplicationBuilder AddAbuseLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AbuseOptions>(AbuseOptions.Section);
        builder.Services.AddStore<IRateCounter, RedisRateCounter, InMemoryRateCounter>();
        builder.Services.AddSingleton<IContactDataHolder, RateCounterContactData>();
        builder.Services.AddSingleton<IInboundQuota, InboundLimit>();
        return builder;
    }
}
