using MassTransit;

namespace Gateway.Bus;

/// <summary>
/// Puts one outbox event on the bus, returning once the broker has it (a publisher confirm), so the relay may delete
/// the entry. The message id is the event's deterministic id: a republish after a crash carries the same.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken);
}

/// <summary>Publishing through MassTransit's own pipeline: the embedded in-memory bus (and any transport without a leaner path).</summary>
public sealed class MassTransitEventPublisher(IBus bus) : IEventPublisher
{
    public Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken) =>
        bus.Publish(message, messageType, ctx => ctx.MessageId = messageId, cancellationToken);
}
