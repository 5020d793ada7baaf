using Gateway.Conversations;

namespace Gateway.Storage;

/// <summary>
/// The contact's state with optimistic concurrency. One step = read (<see cref="GetForStepAsync"/>), decide,
/// <see cref="CommitAsync"/>; a conflict hands back the current state to decide again on. Everything a step causes (new
/// state, outbox events, counter increments, the idempotency record) is written in that one atomic commit, so an effect
/// is never lost nor doubled.
/// </summary>
public interface IContactStore
{
    /// <summary>The contact's state as stored now (consent checks, displays, anything not committed on the spot).</summary>
    Task<StoredContact?> GetAsync(string contactId, CancellationToken cancellationToken);

    /// <summary>
    /// The state to decide a step on, which may come from this process's cache and be stale: only for a decision committed
    /// with <see cref="CommitAsync"/>, whose version check catches staleness. Never use it to decide anything else.
    /// </summary>
    Task<StoredContact?> GetForStepAsync(string contactId, CancellationToken cancellationToken) => GetAsync(contactId, cancellationToken);

    /// <summary>
    /// Applies <paramref name="commit"/> atomically, unless its provider message id was already processed for this contact
    /// (<see cref="CommitOutcome.AlreadyProcessed"/>, with the stored result) or the stored version is no longer
    /// <see cref="ContactCommit.ExpectedVersion"/> (<see cref="CommitOutcome.Conflict"/>, with the current state).
    /// </summary>
    Task<CommitOutcome> CommitAsync(ContactCommit commit, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="commit"/> was applied; false on a conflict or an already processed message id.</summary>
    async Task<bool> TryCommitAsync(ContactCommit commit, CancellationToken cancellationToken) =>
        await CommitAsync(commit, cancellationToken) is CommitOutcome.Committed;

    /// <summary>The result of a provider message already handled for this contact (kept ≥ 48 h), or null.</summary>
    Task<StepResult?> GetProcessedAsync(string contactId, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>Deletes every key holding this contact's personal data; true if anything existed.</summary>
    Task<bool> EraseAsync(string contactId, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IContactStore.CommitAsync"/> did.</summary>
public abstract record CommitOutcome
{
    private CommitOutcome() { }

    /// <summary>Applied; the contact is now at <paramref name="Version"/>.</summary>
    public sealed record Committed(long Version) : CommitOutcome;

    /// <summary>Nothing written: another step committed first. <paramref name="Current"/> is the state now (null: absent or erased).</summary>
    public sealed record Conflict(StoredContact? Current) : CommitOutcome;

    /// <summary>Nothing written: the provider message id was handled before; <paramref name="Result"/> is what it answered.</summary>
    public sealed record AlreadyProcessed(StepResult Result) : CommitOutcome;
}

/// <param name="Version">
/// Changes by one on every commit. A new contact starts at a random version (<see cref="ContactVersions.First"/>), so a
/// contact erased and created again never repeats a version that a stale cached state could still match.
/// </param>
public sealed record StoredContact(ContactState State, long Version);

/// <param name="ExpectedVersion">Version read before deciding; 0 when the contact did not exist.</param>
/// <param name="Events">Bus events caused by this step, appended to the outbox in the same atomic write.</param>
/// <param name="Counters">Live tallies to bump in the same atomic write (poll results, commune counters).</param>
/// <param name="Processed">Idempotency record for the provider message id, when there is one.</param>
/// <param name="Feedback">
/// A report the step filed on the commune's desk, created in the same atomic write. Its reference must be new: when it
/// exists already the commit is a <see cref="CommitOutcome.Conflict"/> (nothing written), and the step is decided again
/// with a fresh reference. Its reference is drawn in the contact's shard (<see cref="Conversations.Actions.FeedbackReferences"/>),
/// so the record lives in the contact's Redis Cluster slot.
/// </param>
public sealed record ContactCommit(
    string ContactId,
    long ExpectedVersion,
    ContactState State,
    IReadOnlyList<OutboxEvent> Events,
    IReadOnlyList<CounterIncrement> Counters,
    ProcessedMessage? Processed,
    Feedback.FeedbackReport? Feedback = null);

/// <summary>A bus event waiting in the outbox. <paramref name="MessageId"/> is deterministic so consumers can de-duplicate.</summary>
/// <param name="MessageType">Contract type name, e.g. <c>FeedbackReceived</c> (namespace Gateway.Contracts).</param>
/// <param name="Payload">The event serialised as JSON (System.Text.Json, web defaults).</param>
public sealed record OutboxEvent(Guid MessageId, string MessageType, string Payload, DateTimeOffset CreatedAt);

/// <summary>Adds <paramref name="Delta"/> to <paramref name="Field"/> of the counter <paramref name="Counter"/> (e.g. "poll:p1" / "option:2").</summary>
public sealed record CounterIncrement(string Counter, string Field, long Delta);

public sealed record ProcessedMessage(string ProviderMessageId, StepResult Result);
