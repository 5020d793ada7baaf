using Gateway.Settings;
using Gateway.Conversations.Flows;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddValidatedOptions<PollOptions>(PollOptions.Section);

        services.AddStore<IPollStore, RedisPollStore, InMemoryPollStore>();

        services.AddSingleton<PollDirectory>();
        services.AddSingleton<IPollDirectory>(sp => sp.GetRequiredService<PollDirectory>());
        services.AddSingleton<Conversations.Ports.IRoutingSnapshot>(sp => sp.GetRequiredService<PollDirectory>());
        services.AddSingleton<IFlowSource, PollFlows>();
        services.AddSingleton<IMenuItemSource, PollMenuItems>();
        services.AddSingleton<IFlowAction, RecordVoteAction>();
        services.AddSingleton<IFlowAction, Audience.AudienceCheckAction>();
        services.AddSingleton<PollCloser>();
        services.AddSingleton<PollsApi.Services>();
        services.AddSingleton<Audience.AudienceRules>();
        services.AddSingleton<PollCreator>();
        services.AddSingleton<PollEditor>();
        services.TryAddSingleton<IPollAnnouncer, NoPollAnnouncer>();
        services.AddHostedService<PollScheduler>();
        return builder;
    }
}
