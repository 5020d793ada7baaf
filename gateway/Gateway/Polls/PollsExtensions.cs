using Gateway.Conversations.Flows;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Gateway.Polls;

public static class PollsExtensions
{
    /// <summary>
    /// Quick polls: the definitions store (Redis when <c>ConnectionStrings:Redis</c> is set, else in memory), the
    /// directory the engine reads, the generated flows and their <c>record_vote</c> action, the closer and its scheduler.
    /// Settings: section <c>Polls</c> (<see cref="PollOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddPolls(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PollOptions>(builder.Configuration.GetSection(PollOptions.Section));

        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
            services.AddSingleton<IPollStore, InMemoryPollStore>();
        else
            services.AddSingleton<IPollStore>(sp => new RedisPollStore(sp.GetRequiredService<IConnectionMultiplexer>()));

        services.AddSingleton<PollDirectory>();
        services.AddSingleton<IPollDirectory>(sp => sp.GetRequiredService<PollDirectory>());
        services.AddSingleton<Conversations.Ports.IRoutingSnapshot>(sp => sp.GetRequiredService<PollDirectory>());
        services.AddSingleton<IFlowSource, PollFlows>();
        services.AddSingleton<IMenuItemSource, PollMenuItems>();
        services.AddSingleton<IFlowAction, RecordVoteAction>();
        services.AddSingleton<PollCloser>();
        services.AddSingleton<PollsApi.Services>();
        services.AddSingleton<PollCreator>();
        services.TryAddSingleton<IPollAnnouncer, NoPollAnnouncer>();
        services.AddHostedService<PollScheduler>();
        return builder;
    }
}
