using Gateway.Alerts.Compose;
using Gateway.Contracts;
using MassTransit;

namespace Gateway.Alerts;

/// <summary>
/// The bus side of compose: <see cref="BroadcastAlert"/> is validated like <c>POST /api/alerts</c> and creates the alert;
/// its RequestId makes a redelivered or resent command create nothing more. An invalid command is logged and dropped
/// (retrying cannot make it valid).
/// </summary>
public sealed partial class BroadcastAlertConsumer(AlertComposer composer, AlertService alerts, ILogger<BroadcastAlertConsumer> logger) : IConsumer<BroadcastAlert>
{
    public async Task Consume(ConsumeContext<BroadcastAlert> context)
    {
        var m = context.Message;
        var (composed, errors) = composer.Compose(new AlertRequest(m.Commune, m.Texts.ToDictionary(), Topic: m.Topic, SendAt: m.SendAt,
            Channel: m.Channel, RequestId: string.IsNullOrWhiteSpace(m.RequestId) ? null : m.RequestId));
        if (composed is null)
        {
            LogRejected(m.RequestId, string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))));
            return;
        }
        var (alert, created) = await alerts.CreateAsync(composed, "bus", context.CancellationToken);
        LogAccepted(m.RequestId, alert.Id, created);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BroadcastAlert {RequestId} rejected: {Errors}")]
    private partial void LogRejected(string requestId, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "BroadcastAlert {RequestId} → alert {AlertId} (new: {Created})")]
    private partial void LogAccepted(string requestId, string alertId, bool created);
}

public sealed class BroadcastAlertConsumerDefinition : ConsumerDefinition<BroadcastAlertConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<BroadcastAlertConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
}
