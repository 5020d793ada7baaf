using System.Collections.Concurrent;
using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Storage;

/// <summary>
/// The embedded default: contacts, outbox and counters in process memory, with the same atomic-commit
/// semantics as Redis (one lock per store, versions checked). States are stored serialised so that a
/// caller can never mutate what is stored by holding a reference.
/// </summary>
public sealed partial class InMemoryStore(TimeProvider clock) : IContactStore, IOutboxStore, ICounterStore
{
    private static readonly TimeSpan ProcessedTtl = TimeSpan.FromHours(48);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Json, long Version)> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), (string Json, DateTimeOffset ExpiresAt)> _processed = [];
    private readonly SortedDictionary<long, (StoredEvent Event, string OrderKey)> _outbox = [];
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, long>> _counters = new(StringComparer.Ordinal);
    private long _outboxSequence;

    public Task<StoredContact?> GetAsync(string contactId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_contacts.TryGetValue(contactId, out var entry)
                ? new StoredContact(StoreJson.Deserialize<ContactState>(entry.Json), entry.Version)
                : null);
        }
    }

    public Task<CommitOutcome> CommitAsync(ContactCommit commit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (commit.Processed is { } done && _processed.TryGetValue((commit.ContactId, done.ProviderMessageId), out var p) && p.ExpiresAt > clock.GetUtcNow())
                return Task.FromResult<CommitOutcome>(new CommitOutcome.AlreadyProcessed(StoreJson.Deserialize<StepResult>(p.Json)));
            // Counted before the version check, as in Redis: a conflict means the message was counted and admitted.
            if (commit.Quota is { } quota && CountQuota(commit.ContactId, quota) is var count && count > quota.Limit)
                return Task.FromResult<CommitOutcome>(new CommitOutcome.OverQuota(count));

            var exists = _contacts.TryGetValue(commit.ContactId, out var entry);
            // A record whose id exists is a conflict too: the step is decided again (with a new id).
            if ((exists ? entry.Version : ContactVersions.Absent) != commit.ExpectedVersion || (commit.Records?.Any(RecordExists) ?? false))
                return Task.FromResult<CommitOutcome>(new CommitOutcome.Conflict(exists ? new StoredContact(StoreJson.Deserialize<ContactState>(entry.Json), entry.Version) : null));

            var version = ContactVersions.Next(commit.ExpectedVersion);
            _contacts[commit.ContactId] = (StoreJson.Serialize(commit.State), version);
            foreach (var e in commit.Events) _outbox[++_outboxSequence] = (StoredEvent.From(e), commit.ContactId);
            foreach (var c in commit.Counters)
                _counters.GetOrAdd(c.Counter, _ => new(StringComparer.Ordinal)).AddOrUpdate(c.Field, c.Delta, (_, v) => v + c.Delta);
            foreach (var record in commit.Records ?? []) AddRecord(record, commit.ContactId);
            if (commit.Processed is { } processed)
                _processed[(commit.ContactId, processed.ProviderMessageId)] = (StoreJson.Serialize(processed.Result), clock.GetUtcNow() + ProcessedTtl);
            return Task.FromResult<CommitOutcome>(new CommitOutcome.Committed(version));
        }
    }

    public Task<StepResult?> GetProcessedAsync(string contactId, string providerMessageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_processed.TryGetValue((contactId, providerMessageId), out var p) && p.ExpiresAt > clock.GetUtcNow())
                return Task.FromResult<StepResult?>(StoreJson.Deserialize<StepResult>(p.Json));
            return Task.FromResult<StepResult?>(null);
        }
    }

    public Task<bool> EraseAsync(string contactId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var existed = _contacts.Remove(contactId);
            foreach (var key in _processed.Keys.Where(k => k.Item1 == contactId).ToList()) _processed.Remove(key);
            ForgetQuotas(contactId);
            return Task.FromResult(existed);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<OutboxEntry> pending = _outbox.Take(max)
                .Select(kv => new OutboxEntry(kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), "memory", kv.Value.Event, kv.Value.OrderKey))
                .ToList();
            return Task.FromResult(pending);
        }
    }

    public Task AcknowledgeAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var e in entries) _outbox.Remove(long.Parse(e.EntryId, System.Globalization.CultureInfo.InvariantCulture));
        }
        return Task.CompletedTask;
    }

    public Task<long> BacklogAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult((long)_outbox.Count);
    }

    public Task<IReadOnlyDictionary<string, long>> ReadAsync(string counter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(
            _counters.TryGetValue(counter, out var fields) ? new Dictionary<string, long>(fields) : new Dictionary<string, long>());
}
