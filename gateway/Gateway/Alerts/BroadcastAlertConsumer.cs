using Gateway.Alerts.Compose;
using Gateway.Bus;
using Gateway.Contracts;
using MassTransit;

namespace Gateway.Alerts;

/// <summary>
/// The bus side of compose: <see cref="BroadcastAlert"/> is validated like <c>POST /api/alerts</c> and creates the alert;
/// its RequestId makes a redelivered or resent command create nothing more. An invalid command faults at once
/// (<see cref="InvalidCommandException"/>: the error queue and <c>Fault&lt;BroadcastAlert&gt;</c> with the reasons; retrying
/// cannot make it valid).
/// </summary>
public sealed partial class BroadcastAlertConsumer(AlertComposer composer, AlertService alerts, ILogger<BroadcastAlertConsumer> logger) : IConsumer<BroadcastAlert>
{
    public async Task Consume(ConsumeContext<BroadcastAlert> context)
    {
        var m = context.Message;
        var (composed, errors) = composer.Compose(new AlertRequest(m.Commune, m.Texts.ToDictionary(), Topic: m.Topic, SendAt: m.SendAt,
            Channel: m.Channel, RequestId: string.IsNullOrWhiteSpace(m.RequestId) ? null : m.RequestId));
        if (composed is null)
            throw new InvalidCommandException(nameof(BroadcastAlert), m.RequestId, string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))));
        var (alert, created) = await alerts.CreateAsync(composed, "bus", context.CancellationToken);
        LogAccepted(m.RequestId, alert.Id, created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BroadcastAlert {RequestId} → alert {AlertId} (new: {Created})")]
    private partial void LogAccepted(string requestId, string alertId, bool created);
}

public sealed class BroadcastAlertConsumerDefinition : ConsumerDefinition<BroadcastAlertConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<BroadcastAlertConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<InvalidCommandException>();
            r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        });
}
