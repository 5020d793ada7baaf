using Gateway.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.Alerts.Storage;
using Gateway.Contacts;
using Gateway.Storage;

namespace Gateway.Alerts;

public static class AlertsExtensions
{
    /// <summary>
    /// Alerts: compose/preview, the audience index, fan-out (consumers are picked up by the bus from this assembly),
    /// pacing, tracking and the scheduler. Redis-backed stores and limiter when <c>ConnectionStrings:Redis</c> is set,
    /// else in-memory. Options from the <c>Alerts</c> section.
    /// </summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AlertsOptions>(AlertsOptions.Section);
        services.AddSingleton<AlertCalendar>();
        services.AddSingleton<Conversations.Ports.IContactDataHolder, AlertContactData>();
        services.AddSingleton<AlertComposer>();
        services.AddSingleton<AlertPreviewer>();
        services.AddSingleton<AlertSegments>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<Templates.AlertTemplates>();
        services.Replace(ServiceDescriptor.Singleton<Polls.IPollAnnouncer, PollInvitations>());
        services.AddSingleton<AlertCompletion>();
        services.AddSingleton<AlertContactSender>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<AlertSchedulerSignal>();
        services.AddSingleton<AudienceImport>();
        services.AddSingleton<ContactErasure>();
        services.AddSingleton<Bus.IOutboxProjection, AudienceProjection>();
        services.AddHostedService<AlertScheduler>();

        services.AddStore<IAlertStore, RedisAlertStore, InMemoryAlertStore>();
        services.AddStore<IAudienceStore, AudienceRedisStore, AudienceInMemoryStore>();
        services.AddStore<Templates.IAlertTemplateStore, Templates.RedisAlertTemplateStore, Templates.InMemoryAlertTemplateStore>();
        services.AddStore<IAlertRateLimiter, RedisRateLimiter, InMemoryRateLimiter>();
        return builder;
    }
}
