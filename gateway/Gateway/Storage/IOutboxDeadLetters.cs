
namespace Gateway.Storage;

/// <summary>
/// Where the relay parks outbox entries it can never publish (unknown contract type, unreadable payload),
/// so that nothing leaves the outbox silently: an operator can read, fix and replay them.
/// </summary>
public interface IOutboxDeadLetters
{
    /// <summary>Moves <paramref name="entry"/> out of the outbox into the dead-letter area, atomically.</summary>
    Task DeadLetterAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken);

    /// <summary>Dead-lettered events, oldest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken);
}

public sealed record DeadLetter(StoredEvent Event, string Reason);
