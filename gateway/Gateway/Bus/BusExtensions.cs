using Gateway.Settings;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gateway.Bus;

public static class BusExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ when <c>ConnectionStrings:RabbitMq</c> is set (publisher confirms on), else the in-memory
    /// transport; consumers of the Gateway assembly are registered (drop a consumer and its definition in a feature folder),
    /// plus <paramref name="consumers"/>. Also the <see cref="OutboxRelay"/> that moves committed events to the bus, and the
    /// <c>outbox</c> readiness check (backlog; Degraded above <c>Outbox:DegradedBacklog</c>).
    /// Message names are MassTransit's defaults, so each event's exchange is <c>Gateway.Contracts:&lt;Type&gt;</c>.
    /// </summary>
    public static WebApplicationBuilder AddGatewayBus(this WebApplicationBuilder builder, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var services = builder.Services;
        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<InMemoryBusShutdown>();
        services.AddSingleton<InMemoryShutdownFilter>();
        services.AddSingleton<Conversations.IStepObserver, OutboxNudge>();

        var rabbit = builder.Configuration.GetConnectionString("RabbitMq");
        services.AddValidatedOptions<BusOptions>(BusOptions.Section);
        var busOptions = builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        // Before MassTransit's hosted service (they start in this order): a gateway on another deployment's virtual host
        // refuses to start before its consumers take a single message there.
        if (!string.IsNullOrWhiteSpace(rabbit))
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<DeploymentMarker>(sp, RabbitMqAddress.Parse(rabbit)));
        services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConsumers(typeof(Program).Assembly);
            consumers?.Invoke(x);

            // The bus being down must not take the gateway out of rotation: webhooks still answer and events wait in
            // the outbox. So the bus check reports Degraded at worst; only a missing state store makes readiness fail.
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "bus";
                o.MinimalFailureStatus = HealthStatus.Degraded;
                o.Tags.Add("ready");
            });

            if (string.IsNullOrWhiteSpace(rabbit))
            {
                // Its consumers are never cancelled on stop: let go of them, through the outbox (InMemoryShutdownFilter).
                x.AddConfigureEndpointsCallback((context, _, endpoint) =>
                    endpoint.ConfigureReceive(receive => receive.UseFilter(context.GetRequiredService<InMemoryShutdownFilter>())));
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                return;
            }

            var address = RabbitMqAddress.Parse(rabbit);
            // The gateway's own queues (commands, DeliverReply, alert batches): quorum by default, replicated across a
            // RabbitMQ cluster's nodes; their _error queues follow.
            var quorum = busOptions.Quorum;
            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint) rabbitEndpoint.SetQuorumQueue();
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                // Defaults of every receive endpoint; a consumer definition's own limit wins (alert batches, DeliverReply's partitions).
                cfg.PrefetchCount = (ushort)Math.Clamp(busOptions.PrefetchCount, 1, ushort.MaxValue);
                if (busOptions.ConcurrentMessageLimit is { } limit) cfg.ConcurrentMessageLimit = Math.Max(1, limit);
                cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
                {
                    h.Username(address.Username);
                    h.Password(address.Password);
                    // Publish completes only when the broker has the message: the relay deletes an outbox entry after that.
                    h.PublisherConfirmation = true;
                    if (address.UseTls) h.UseSsl(s => s.ServerName = address.Host);
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<HostOptions>>((o, host) =>
        {
            // Start without waiting for the broker: with RabbitMQ down the gateway still serves webhooks.
            o.WaitUntilStarted = false;
            // Stop within the host's shutdown time (SIGTERM), whatever the consumers are doing: a consumer gets a fifth of
            // it to finish a send, then its ConsumeContext's token is cancelled, which ends its retry waits (MassTransit's
            // and the provider client's, DeliverReply's reaching minutes). Its message is left unacknowledged, so RabbitMQ
            // gives it to another replica (the ledger keeps a reply already accepted from going twice). Without it, the
            // stop waited for every retry to run out; on the in-memory bus it never gave up.
            o.ConsumerStopTimeout = host.Value.ShutdownTimeout / 5;
            o.StopTimeout = host.Value.ShutdownTimeout * 2 / 5;
        });

        // The relay publishes committed events straight to RabbitMQ in MassTransit's format; in memory, through MassTransit.
        if (string.IsNullOrWhiteSpace(rabbit)) services.AddSingleton<IEventPublisher, MassTransitEventPublisher>();
        else services.AddSingleton<IEventPublisher>(sp => ActivatorUtilities.CreateInstance<RabbitMqEventPublisher>(sp, RabbitMqAddress.Parse(rabbit)));
        services.AddHostedService<OutboxRelay>();
        services.AddHealthChecks().AddCheck<OutboxBacklogHealthCheck>("outbox", HealthStatus.Degraded, ["ready"], TimeSpan.FromSeconds(3));
        return builder;
    }
}
