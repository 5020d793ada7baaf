using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Outbound.Status;

/// <summary>
/// Delivery statuses of every provider go to the outbox (then the bus), with a message id derived from
/// (provider, message, status) so a provider's retried callback is one event for consumers.
/// </summary>
public sealed class DefaultStatusEvents(IOutboxWriter outbox, OutboxSignal signal) : IStatusEvents
{
    public async Task PublishAsync(MessageStatusChanged statusChanged, CancellationToken cancellationToken)
    {
        var id = EventIds.Deterministic(nameof(MessageStatusChanged), $"{statusChanged.Provider}:{statusChanged.MessageId}:{statusChanged.Status}");
        await outbox.AppendAsync(statusChanged.MessageId,
            new OutboxEvent(id, nameof(MessageStatusChanged), statusChanged, statusChanged.At), cancellationToken);
        signal.Notify();
    }
}
