using Gateway.Conversations.Ports;

namespace Gateway.Storage;

/// <summary>Features' records in memory, under the store's one lock (a record a step creates is added by that step's commit).</summary>
public sealed partial class InMemoryStore : IRecordStore
{
    private readonly Dictionary<(string Collection, string Id), (string Json, long Version)> _records = [];
    private readonly Dictionary<(string Collection, string ContactId), List<string>> _recordsOf = [];

    /// <summary>Caller holds <see cref="_gate"/>.</summary>
    private bool RecordExists(CommitRecord record) => _records.ContainsKey((record.Collection, record.Id));

    /// <summary>Caller holds <see cref="_gate"/> and checked the id is new.</summary>
    private void AddRecord(CommitRecord record, string? contactId)
    {
        _records[(record.Collection, record.Id)] = (StoreJson.SerializeEvent(record.Payload), 1);
        if (contactId is null) return;
        if (!_recordsOf.TryGetValue((record.Collection, contactId), out var list)) _recordsOf[(record.Collection, contactId)] = list = [];
        list.Add(record.Id);
    }

    public Task<StoredRecord<T>?> GetRecordAsync<T>(string collection, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_records.TryGetValue((collection, id), out var e) ? new StoredRecord<T>(StoreJson.Deserialize<T>(e.Json), e.Version) : null);
    }

    public Task<bool> TryCreateRecordAsync(CommitRecord record, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (RecordExists(record)) return Task.FromResult(false);
            AddRecord(record, null);
            foreach (var e in events) _outbox[++_outboxSequence] = (StoredEvent.From(e), orderKey);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryUpdateRecordAsync(CommitRecord record, long expectedVersion, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_records.TryGetValue((record.Collection, record.Id), out var e) || e.Version != expectedVersion) return Task.FromResult(false);
            _records[(record.Collection, record.Id)] = (StoreJson.SerializeEvent(record.Payload), expectedVersion + 1);
            foreach (var ev in events) _outbox[++_outboxSequence] = (StoredEvent.From(ev), orderKey);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<string>> RecordsOfAsync(string collection, string contactId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<string>>(_recordsOf.TryGetValue((collection, contactId), out var list) ? [.. list] : []);
    }

    /// <summary>
    /// Every record of <paramref name="collection"/>, read under the lock: the embedded default holds a demo's or a test's
    /// records, so its features filter and sort the records themselves instead of keeping indexes.
    /// </summary>
    public IReadOnlyList<T> AllRecords<T>(string collection)
    {
        lock (_gate)
            return [.. _records.Where(kv => kv.Key.Collection == collection).Select(kv => StoreJson.Deserialize<T>(kv.Value.Json))];
    }
}
