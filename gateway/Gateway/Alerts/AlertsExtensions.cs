using Gateway.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.Alerts.Storage;
using Gateway.Contacts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

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
        services.AddSingleton<AlertService>();
        services.Replace(ServiceDescriptor.Singleton<Polls.IPollAnnouncer, PollInvitations>());
        services.AddSingleton<AlertCompletion>();
        services.AddSingleton<AlertContactSender>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<AlertSchedulerSignal>();
        services.AddSingleton<AudienceImport>();
        services.AddSingleton<Bus.IOutboxProjection, AudienceProjection>();
        services.AddHostedService<AlertScheduler>();

        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            services.AddSingleton<IAlertStore, InMemoryAlertStore>();
            services.AddSingleton<IAudienceStore, AudienceInMemoryStore>();
            services.AddSingleton<IAlertRateLimiter, InMemoryRateLimiter>();
        }
        else
        {
            // The multiplexer is the one AddGatewayStorage registers.
            services.AddSingleton<IAlertStore>(sp => new RedisAlertStore(sp.GetRequiredService<IConnectionMultiplexer>()));
            services.AddSingleton<IAudienceStore>(sp => new AudienceRedisStore(sp.GetRequiredService<IConnectionMultiplexer>()));
            services.AddSingleton<IAlertRateLimiter>(sp => new RedisRateLimiter(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<AlertsOptions>>()));
        }
        return builder;
    }
}
