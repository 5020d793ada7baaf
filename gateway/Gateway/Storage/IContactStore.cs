using Gateway.Conversations;

namespace Gateway.Storage;

/// <summary>
/// The contact's state with optimistic concurrency. One step = load, decide, <see cref="TryCommitAsync"/>;
/// a false return means another step won the race: reload and decide again. Everything a step causes
/// (new state, outbox events, counter increments, the idempotency record) is written in that one atomic commit,
/// so an effect is never lost nor doubled.
/// </summary>
public interface IContactStore
{
    Task<StoredContact?> GetAsync(string contactId, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="commit"/> if the stored version still equals <see cref="ContactCommit.ExpectedVersion"/> (0 = absent).</summary>
    Task<bool> TryCommitAsync(ContactCommit commit, CancellationToken cancellationToken);

    /// <summary>The result of a provider message already handled for this contact (kept ≥ 48 h), or null.</summary>
    Task<StepResult?> GetProcessedAsync(string contactId, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>
    /// The contact's state, then (read after it) the result of <paramref name="providerMessageId"/> if it was handled.
    /// The order matters: a copy of the message committing after the state read bumps the version, so a commit based on
    /// this read fails and the next read sees the id. Stores may do both reads in one round trip, in this order.
    /// </summary>
    async Task<(StoredContact? Contact, StepResult? Processed)> LoadAsync(string contactId, string? providerMessageId, CancellationToken cancellationToken)
    {
        var contact = await GetAsync(contactId, cancellationToken);
        var processed = providerMessageId is null ? null : await GetProcessedAsync(contactId, providerMessageId, cancellationToken);
        return (contact, processed);
    }

    /// <summary>Deletes every key holding this contact's personal data; true if anything existed.</summary>
    Task<bool> EraseAsync(string contactId, CancellationToken cancellationToken);
}

public sealed record StoredContact(ContactState State, long Version);

/// <param name="ExpectedVersion">Version read before deciding; 0 when the contact did not exist.</param>
/// <param name="Events">Bus events caused by this step, appended to the outbox in the same atomic write.</param>
/// <param name="Counters">Live tallies to bump in the same atomic write (poll results, commune counters).</param>
/// <param name="Processed">Idempotency record for the provider message id, when there is one.</param>
public sealed record ContactCommit(
    string ContactId,
    long ExpectedVersion,
    ContactState State,
    IReadOnlyList<OutboxEvent> Events,
    IReadOnlyList<CounterIncrement> Counters,
    ProcessedMessage? Processed);

/// <summary>A bus event waiting in the outbox. <paramref name="MessageId"/> is deterministic so consumers can de-duplicate.</summary>
/// <param name="MessageType">Contract type name, e.g. <c>FeedbackReceived</c> (namespace Gateway.Contracts).</param>
/// <param name="Payload">The event serialised as JSON (System.Text.Json, web defaults).</param>
public sealed record OutboxEvent(Guid MessageId, string MessageType, string Payload, DateTimeOffset CreatedAt);

/// <summary>Adds <paramref name="Delta"/> to <paramref name="Field"/> of the counter <paramref name="Counter"/> (e.g. "poll:p1" / "option:2").</summary>
public sealed record CounterIncrement(string Counter, string Field, long Delta);

public sealed record ProcessedMessage(string ProviderMessageId, StepResult Result);
