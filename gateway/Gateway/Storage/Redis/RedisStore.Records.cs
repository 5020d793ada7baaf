using System.Globalization;
using Gateway.Conversations.Ports;
using StackExchange.Redis;

namespace Gateway.Storage.Redis;

/// <summary>
/// Features' records on Redis: one hash per record (<see cref="RedisKeys.Record"/>), written with its events by one script
/// in the record's slot. Features keep their own indexes with <see cref="RunAsync{T}"/>.
/// </summary>
public sealed partial class RedisStore
{
    private static readonly RedisValue[] RecordFields = ["v", "j"];

    public Task<StoredRecord<T>?> GetRecordAsync<T>(string collection, string id, CancellationToken cancellationToken) => Guard(async () =>
    {
        var values = await Db.HashGetAsync(RedisKeys.Record(collection, id), RecordFields);
        if (values[0].IsNull || values[1].IsNull) return null;
        return new StoredRecord<T>(StoreJson.DeserializeUtf8<T>((byte[])values[1]!), (long)values[0]);
    });

    public Task<bool> TryCreateRecordAsync(CommitRecord record, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) => Guard(async () =>
    {
        var shard = RedisKeys.Shard(record.Id);
        var args = new List<RedisValue> { StoreJson.SerializeEventToUtf8Bytes(record.Payload), orderKey, events.Count };
        AddEvents(args, events);
        var created = (long)(await Db.ScriptEvaluateAsync(RedisScripts.CreateRecord, [RedisKeys.Record(record.Collection, record.Id), RedisKeys.Outbox(shard)], [.. args])) == 1;
        if (created && events.Count > 0) MarkDirty(shard);
        return created;
    });

    public Task<bool> TryUpdateRecordAsync(CommitRecord record, long expectedVersion, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) => Guard(async () =>
    {
        var shard = RedisKeys.Shard(record.Id);
        var args = new List<RedisValue> { expectedVersion, expectedVersion + 1, StoreJson.SerializeEventToUtf8Bytes(record.Payload), orderKey, events.Count };
        AddEvents(args, events);
        var updated = (long)(await Db.ScriptEvaluateAsync(RedisScripts.UpdateRecord, [RedisKeys.Record(record.Collection, record.Id), RedisKeys.Outbox(shard)], [.. args])) == 1;
        if (updated && events.Count > 0) MarkDirty(shard);
        return updated;
    });

    private static void AddEvents(List<RedisValue> args, IReadOnlyList<OutboxEvent> events)
    {
        foreach (var e in events)
        {
            args.Add(e.MessageId.ToString("D"));
            args.Add(e.MessageType);
            args.Add(StoreJson.SerializeEventToUtf8Bytes(e.Message));
            args.Add(e.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    public Task<IReadOnlyList<string>> RecordsOfAsync(string collection, string contactId, CancellationToken cancellationToken) => Guard(async () =>
        (IReadOnlyList<string>)[.. (await Db.SetMembersAsync(RedisKeys.RecordsOf(collection, contactId))).Select(v => v.ToString()).Order(StringComparer.Ordinal)]);

    /// <summary>
    /// Runs a feature's own Redis calls (its indexes) on the store's connection, with the store's rule for an outage:
    /// Redis not there is a <see cref="StoreUnavailableException"/> (→ 503, the provider retries), logged.
    /// </summary>
    public Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation) => Guard(() => operation(Db));
}
