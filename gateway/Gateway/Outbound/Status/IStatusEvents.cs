using Gateway.Contracts;

namespace Gateway.Outbound.Status;

/// <summary>
/// Where channels announce delivery statuses. The default publishes through MassTransit when a bus is
/// registered and otherwise logs; the lead binds it to the outbox so no event is lost when RabbitMQ is down.
/// </summary>
public interface IStatusEvents
{
    Task PublishAsync(MessageStatusChanged statusChanged, CancellationToken cancellationToken);
}
