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
public sealed class MassTransitEventPublisher(IBusControl bus) : IEventPublisher
{
    private volatile bool _ready;

    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken)
    {
        // The in-memory transport drops a message published before its receive endpoints are bound, and the bus starts
        // without waiting for them (WaitUntilStarted = false): the relay, which deletes what it published, waits for them once.
        // Outbox entries left by the previous run (replies put back at shutdown) are relayed at once and were lost that way.
        if (!_ready)
        {
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, cancellationToken);
            _ready = true;
        }
        await bus.Publish(message, messageType, ctx => ctx.MessageId = messageId, cancellationToken);
    }
}
