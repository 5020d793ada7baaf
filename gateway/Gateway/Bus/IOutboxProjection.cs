namespace Gateway.Bus;

/// <summary>
/// A read model the gateway keeps from its own events, applied by the <see cref="OutboxRelay"/> to each event before
/// publishing it. The relay is the one place every committed event passes exactly once per relay round, on one replica,
/// so a projection needs no round trip through the broker. At least once: an entry is re-applied when its publish or
/// acknowledgement fails, so <see cref="ApplyAsync"/> must be idempotent. A throw keeps the entry (and the same contact's
/// entries after it) in the outbox for the next round, exactly like a failed publish: nothing is lost.
/// </summary>
public interface IOutboxProjection
{
    Task ApplyAsync(object message, CancellationToken cancellationToken);
}
