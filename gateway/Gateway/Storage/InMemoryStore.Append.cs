using Gateway.Conversations.Ports;

namespace Gateway.Storage;

public sealed partial class InMemoryStore : IOutboxWriter
{
    public Task AppendAsync(string partitionKey, OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        lock (_gate) _outbox[++_outboxSequence] = (StoredEvent.From(outboxEvent), partitionKey);
        return Task.CompletedTask;
    }
}
