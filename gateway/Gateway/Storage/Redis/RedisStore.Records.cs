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

    public Task<bool> TryCreateRecordAsync(CommitRecord record, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        WriteRecordAsync(record, "", 1, orderKey, events);

    public Task<bool> TryUpdateRecordAsync(CommitRecord record, long expectedVersion, string orderKey, IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        WriteRecordAsync(record, expectedVersion, expectedVersion + 1, orderKey, events);

    /// <summary>One script for both: an expected version of "" means the record must not exist yet.</summary>
    private Task<bool> WriteRecordAsync(CommitRecord record, RedisValue expectedVersion, long newVersion, string orderKey, IReadOnlyList<OutboxEvent> events) => Guard(async () =>
    {
        var shard = RedisKeys.Shard(record.Id);
        var args = new List<RedisValue> { expectedVersion, newVersion, StoreJson.SerializeEventToUtf8Bytes(record.Payload), orderKey, events.Count };
        AddEvents(args, events);
        var written = (long)(await Db.ScriptEvaluateAsync(RedisScripts.WriteRecord, [RedisKeys.Record(record.Collection, record.Id), RedisKeys.Outbox(shard)], [.. args])) == 1;
        if (written && events.Count > 0) MarkDirty(shard);
        return written;
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
