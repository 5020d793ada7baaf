
namespace Gateway.Conversations.Ports;

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
    /// (<see cref="CommitOutcome.AlreadyProcessed"/>, with the stored result), its quota's count passed the limit
    /// (<see cref="CommitOutcome.OverQuota"/>) or the stored version is no longer <see cref="ContactCommit.ExpectedVersion"/>
    /// (<see cref="CommitOutcome.Conflict"/>, with the current state). Checked in that order: a quota is counted only for a
    /// message not processed before, and before the version check, so a conflict comes back only for a message counted
    /// and admitted (its retry carries no quota).
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

    /// <summary>
    /// Nothing written but the count itself: the message is the <paramref name="Count"/>-th of its window of
    /// <see cref="ContactCommit.Quota"/>, past the limit.
    /// </summary>
    public sealed record OverQuota(long Count) : CommitOutcome;
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
/// <param name="Records">
/// Documents the step creates in the same atomic write, each only if absent (a feature's record, e.g. a filed report):
/// when one exists already the commit is a <see cref="CommitOutcome.Conflict"/> (nothing written), and the step is
/// decided again (with a fresh id). Null or empty: none.
/// </param>
/// <param name="Quota">
/// The inbound quota this message counts against (<see cref="IInboundQuota"/>), counted in the same atomic commit;
/// null: nothing counted (commands, opt-outs, and the retry of a step whose first attempt was counted already).
/// </param>
public sealed record ContactCommit(
    string ContactId,
    long ExpectedVersion,
    ContactState State,
    IReadOnlyList<OutboxEvent> Events,
    IReadOnlyList<CounterIncrement> Counters,
    ProcessedMessage? Processed,
    IReadOnlyList<CommitRecord>? Records = null,
    InboundQuota? Quota = null);

/// <summary>
/// A document a step creates with its commit, only if no record of <paramref name="Collection"/> has
/// <paramref name="Id"/> yet. The store serialises <paramref name="Payload"/> when it writes it (as an event's message),
/// and keeps the ids of each contact's records per collection (the feature reads them back, e.g. for erasure).
/// <para>Stores that shard by contact (Redis Cluster) write the record in the contact's slot: the feature draws an id
/// the store places with the contact (see Storage's keys), and the store refuses one it does not.</para>
/// </summary>
/// <param name="Collection">The feature's kind of record, e.g. <c>feedback</c>: a name in keys, lower case, no <c>:</c>.</param>
public sealed record CommitRecord(string Collection, string Id, object Payload)
{
    /// <summary>The document itself, never its JSON (a string would be stored as a JSON string).</summary>
    public object Payload { get; init; } = Payload is string
        ? throw new ArgumentException("A record carries the document, not its serialised form.", nameof(Payload))
        : Payload;
}

/// <summary>
/// A bus event to append to the outbox with the commit. The store serialises <paramref name="Message"/> when it writes
/// it, so the step that causes an event never deals with its stored form.
/// <paramref name="MessageId"/> is deterministic so consumers can de-duplicate.
/// </summary>
/// <param name="MessageType">Contract type name, e.g. <c>FeedbackReceived</c> (namespace Gateway.Contracts).</param>
public sealed record OutboxEvent(Guid MessageId, string MessageType, object Message, DateTimeOffset CreatedAt)
{
    /// <summary>The event itself, never its JSON: a string would be stored as a JSON string, not as the event.</summary>
    public object Message { get; init; } = Message is string
        ? throw new ArgumentException("An outbox event carries the message, not its serialised form.", nameof(Message))
        : Message;

    /// <summary>The event <paramref name="message"/> with an id derived from its type and <paramref name="idKey"/>.</summary>
    public static OutboxEvent Of<T>(T message, string idKey, DateTimeOffset createdAt) where T : class =>
        new(EventIds.Deterministic(typeof(T).Name, idKey), typeof(T).Name, message, createdAt);
}

/// <summary>Adds <paramref name="Delta"/> to <paramref name="Field"/> of the counter <paramref name="Counter"/> (e.g. "poll:p1" / "option:2").</summary>
public sealed record CounterIncrement(string Counter, string Field, long Delta);

public sealed record ProcessedMessage(string ProviderMessageId, StepResult Result);
