using Gateway.Settings;
using Gateway.Conversations.Flows;
using Gateway.Feedback.Storage;
using Gateway.Storage;

namespace Gateway.Feedback;

public static class FeedbackExtensions
{
    /// <summary>
    /// The feedback desk: its store (over the contact store's own instance, Redis or memory, so a step files its report in
    /// its commit), the <c>submit_feedback</c> flow action, the index projection the outbox relay applies, the desk's changes and categories.
    /// Settings: section <c>Feedback</c> (<see cref="FeedbackOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddFeedbackDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<FeedbackOptions>(FeedbackOptions.Section);
        // Over the contact store's own instance (RedisStore or InMemoryStore), even when IContactStore is wrapped (profiling).
        services.AddStore<IFeedbackStore, RedisFeedbackStore, InMemoryFeedbackStore>();
        services.AddSingleton<FeedbackReferences>();
        services.AddSingleton<IFlowAction, SubmitFeedbackAction>();
        services.AddSingleton<Bus.IOutboxProjection, FeedbackIndexProjection>();
        services.AddSingleton<FeedbackPurge>();
        services.AddSingleton<Bus.IOutboxProjection>(sp => sp.GetRequiredService<FeedbackPurge>());
        services.AddHostedService<FeedbackRetention>();
        services.AddSingleton<FeedbackDesk>();
        services.AddSingleton<FeedbackCategories>();
        services.AddSingleton<Conversations.IDialogExtension, FeedbackFollowUp>();
        services.AddSingleton<Conversations.IDialogExtension, FirstMessageReport>();
        services.AddSingleton<FeedbackApi.Services>();
        services.AddSingleton<Admin.Access.IErrorSurface, Open311.Open311Errors>();
        return builder;
    }
}
