using Gateway.Settings;
using Gateway.Webhooks.Storage;
using Gateway.Storage;

namespace Gateway.Webhooks;

public static class WebhooksExtensions
{
    /// <summary>
    /// Outbound webhooks: subscriptions, the delivery queue (Redis when <c>ConnectionStrings:Redis</c> is set, else in
    /// memory), the fan-out the outbox relay applies to every event, and the dispatcher that sends. Options from the
    /// <c>Webhooks</c> section.
    /// </summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.Section);
        services.AddStore<IWebhookStore, RedisWebhookStore, InMemoryWebhookStore>();
        services.AddSingleton<WebhookUrlGuard>();
        services.AddSingleton<WebhookDirectory>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookStopper>();
        services.AddSingleton<WebhookBreaker>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<Bus.IOutboxProjection, WebhookFanOut>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.Handler(sp.GetRequiredService<WebhookUrlGuard>()));
        return builder;
    }
}
