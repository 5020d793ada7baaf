using Gateway.Alerts.Storage;
using Gateway.Contracts;
using MassTransit;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Moves an alert's counts on delivery reports: the provider message id is looked up in the mapping stored when it was
/// sent; the first final status (delivered; failed or undelivered) moves one from sent to delivered or failed. Interim
/// statuses (queued, sent) and anything after the first final one (read after delivered, a redelivered event) change nothing.
/// </summary>
public sealed class AlertDeliveryConsumer(IAlertStore store) : IConsumer<MessageStatusChanged>
{
    public async Task Consume(ConsumeContext<MessageStatusChanged> context)
    {
        var m = context.Message;
        var field = m.Status.ToLowerInvariant() switch
        {
            "delivered" or "read" => AlertCounters.Delivered,
            "failed" or "undelivered" => AlertCounters.Failed,
            _ => null,
        };
        if (field is null || string.IsNullOrEmpty(m.MessageId)) return;
        await store.ApplyDeliveryAsync(m.Provider, m.MessageId, field, context.CancellationToken);
    }
}

public sealed class AlertDeliveryConsumerDefinition : ConsumerDefinition<AlertDeliveryConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AlertDeliveryConsumer> consumerConfigurator,
        IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
}
