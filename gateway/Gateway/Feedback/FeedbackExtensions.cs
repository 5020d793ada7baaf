using Gateway.Storage;

namespace Gateway.Feedback;

public static class FeedbackExtensions
{
    /// <summary>
    /// The feedback desk: its store (the contact store's own instance, Redis or memory, so a step files its report in its
    /// commit), the index projection the outbox relay applies, the desk's changes and categories.
    /// Settings: section <c>Feedback</c> (<see cref="FeedbackOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddFeedbackDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<FeedbackOptions>(builder.Configuration.GetSection(FeedbackOptions.Section));
        services.AddSingleton<IFeedbackStore>(sp => (IFeedbackStore)sp.GetRequiredService<IContactStore>());
        services.AddSingleton<Bus.IOutboxProjection, FeedbackIndexProjection>();
        services.AddSingleton<FeedbackDesk>();
        services.AddSingleton<FeedbackCategories>();
        services.AddSingleton<FeedbackApi.Services>();
        return builder;
    }
}
