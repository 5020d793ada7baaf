
namespace Gateway.Conversations.Ports;

/// <summary>
/// Appends an event that belongs to no contact step (a provider's delivery report, a poll closing) to the outbox,
/// so it reaches the bus with the same guarantees: durable first, published with confirms, never dropped.
/// </summary>
public interface IOutboxWriter
{
    /// <param name="partitionKey">Spreads events over outbox partitions (e.g. the provider message id); order is kept per key.</param>
    Task AppendAsync(string partitionKey, OutboxEvent outboxEvent, CancellationToken cancellationToken);
}
