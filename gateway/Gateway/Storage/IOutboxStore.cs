using Gateway.Conversations.Ports;

namespace Gateway.Storage;

/// <summary>The read side of the outbox, used by the relay that publishes events to the bus.</summary>
public interface IOutboxStore
{
    /// <summary>Up to <paramref name="max"/> events not yet acknowledged, oldest first (per shard).</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(int max, CancellationToken cancellationToken);

    /// <summary>Removes entries once the broker confirmed them.</summary>
    Task AcknowledgeAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>How many events wait (health and metrics).</summary>
    Task<long> BacklogAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Says this replica's relay is alive (called every second): a store shared by several replicas hands the entries of
    /// a relay that stopped saying so to the others. A store of one process has nothing to hand over.
    /// </summary>
    Task KeepAliveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <param name="EntryId">Store-specific id (a Redis stream entry id, a sequence number).</param>
/// <param name="Partition">Store-specific partition (a Redis shard key) the entry lives in.</param>
/// <param name="OrderKey">Entries with the same key are published in order (the contact id of a step's events, the
/// partition key of an appended event); entries with different keys may go out in parallel. Null (entries written by
/// older builds): ordered with every other null-key entry of the partition.</param>
public sealed record OutboxEntry(string EntryId, string Partition, StoredEvent Event, string? OrderKey = null);

/// <summary>An outbox event as stored: its message serialised with <see cref="StoreJson"/>.</summary>
public sealed record StoredEvent(Guid MessageId, string MessageType, string Payload, DateTimeOffset CreatedAt)
{
    public static StoredEvent From(OutboxEvent e) => new(e.MessageId, e.MessageType, StoreJson.SerializeEvent(e.Message), e.CreatedAt);
}
