using Gateway.Conversations;
using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.Storage.Redis;

/// <summary>
/// The stores on Redis, over the one shared multiplexer. A commit is one Lua script (<see cref="RedisScripts.Commit"/>)
/// writing state, outbox events, counters, the records the step creates and the idempotency record together (and counting
/// the inbound quota), or nothing when the message id was processed before, the quota is passed or the version moved (then
/// it returns the current state). A step's read comes from
/// <see cref="ContactStateCache"/> when this process saw the contact last, so most steps cost Redis one round trip.
/// <para>Retention: contact hashes have no TTL (contacts persist until erased: <see cref="EraseAsync"/> on request or
/// opt-out policy); idempotency records and their index expire after 48 h; outbox entries are deleted once published.</para>
/// </summary>
public sealed partial class RedisStore(IConnectionMultiplexer redis, ILogger<RedisStore> logger, ContactStateCache? cache = null)
    : IContactStore, IOutboxStore, ICounterStore, IOutboxDeadLetters, IRecordStore
{
    private readonly ContactStateCache _cache = cache ?? new ContactStateCache(ContactStateCache.DefaultCapacity);

    /// <summary>How long a provider message id is remembered (providers retry for hours; 48 h is the contract).</summary>
    public static readonly TimeSpan ProcessedTtl = TimeSpan.FromHours(48);

    private static readonly RedisValue[] ContactFields = ["v", "s"];

    private IDatabase Db => redis.GetDatabase();

    public Task<StoredContact?> GetAsync(string contactId, CancellationToken cancellationToken) => Guard(async () =>
    {
        var values = await Db.HashGetAsync(RedisKeys.Contact(contactId), ContactFields);
        if (values[0].IsNull || values[1].IsNull) return null;
        var json = (byte[])values[1]!;
        var version = (long)values[0];
        _cache.Set(contactId, version, json);
        return new StoredContact(StoreJson.DeserializeUtf8<ContactState>(json), version);
    });

    public Task<StoredContact?> GetForStepAsync(string contactId, CancellationToken cancellationToken) =>
        _cache.TryGet(contactId, out var version, out var json)
            ? Task.FromResult<StoredContact?>(new StoredContact(StoreJson.DeserializeUtf8<ContactState>(json), version))
            : GetAsync(contactId, cancellationToken);

    public Task<CommitOutcome> CommitAsync(ContactCommit commit, CancellationToken cancellationToken) => Guard<CommitOutcome>(async () =>
    {
        var id = commit.ContactId;
        var version = ContactVersions.Next(commit.ExpectedVersion);
        var state = StoreJson.SerializeToUtf8Bytes(commit.State);
        // Records the step creates come last: two keys each (the record, the contact's set of that collection's ids), the
        // id and the document in ARGV after the counters'.
        var records = commit.Records ?? [];
        foreach (var r in records)
            if (RedisKeys.Shard(r.Id) != RedisKeys.Shard(id))
                throw new InvalidOperationException($"Record {r.Collection}:{r.Id} is not in the shard of its contact (draw its id with RedisKeys.Shard(contactId)).");
        var quota = commit.Quota;
        var k = quota is null ? 3 : 4;
        var keys = new RedisKey[k + commit.Counters.Count + records.Count * 2];
        keys[0] = RedisKeys.Contact(id);
        keys[1] = RedisKeys.OutboxOf(id);
        keys[2] = RedisKeys.Processed(id, commit.Processed?.ProviderMessageId ?? "");
        if (quota is not null) keys[3] = RedisKeys.Quota(id, quota.Name, quota.Window);
        var args = new RedisValue[10 + commit.Events.Count * 4 + commit.Counters.Count * 2 + records.Count * 2];
        args[0] = commit.ExpectedVersion;
        args[1] = version;
        args[2] = state;
        args[3] = commit.Processed is { } p ? StoreJson.SerializeToUtf8Bytes(p.Result) : RedisValue.EmptyString;
        args[4] = (long)ProcessedTtl.TotalSeconds;
        args[5] = commit.Events.Count;
        args[6] = id;
        args[7] = records.Count;
        args[8] = quota is null ? RedisValue.EmptyString : quota.Limit;
        args[9] = quota is null ? RedisValue.EmptyString : (long)quota.Ttl.TotalMilliseconds;
        var a = 10;
        foreach (var e in commit.Events)
        {
            args[a++] = e.MessageId.ToString("D");
            args[a++] = e.MessageType;
            args[a++] = StoreJson.SerializeEventToUtf8Bytes(e.Message);
            args[a++] = e.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var c in commit.Counters)
        {
            keys[k++] = RedisKeys.CounterOf(id, c.Counter);
            args[a++] = c.Field;
            args[a++] = c.Delta;
        }
        foreach (var r in records)
        {
            keys[k++] = RedisKeys.Record(r.Collection, r.Id);
            keys[k++] = RedisKeys.RecordsOf(r.Collection, id);
            args[a++] = r.Id;
            args[a++] = StoreJson.SerializeEventToUtf8Bytes(r.Payload);
        }
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisScripts.Commit, keys, args))!;
        switch ((long)reply[0])
        {
            case RedisScripts.CommitApplied:
                _cache.Set(id, version, state);
                if (commit.Events.Count > 0) MarkDirty(RedisKeys.Shard(id));
                return new CommitOutcome.Committed(version);
            case RedisScripts.CommitAlreadyProcessed:
                return new CommitOutcome.AlreadyProcessed(StoreJson.DeserializeUtf8<StepResult>((byte[])reply[1]!));
            case RedisScripts.CommitOverQuota:
                return new CommitOutcome.OverQuota((long)reply[1]);
            default:
                if (reply.Length < 3)
                {
                    _cache.Remove(id);
                    return new CommitOutcome.Conflict(null);
                }
                var current = (long)reply[1];
                var currentJson = (byte[])reply[2]!;
                _cache.Set(id, current, currentJson);
                return new CommitOutcome.Conflict(new StoredContact(StoreJson.DeserializeUtf8<ContactState>(currentJson), current));
        }
    });

    public Task<StepResult?> GetProcessedAsync(string contactId, string providerMessageId, CancellationToken cancellationToken) => Guard(async () =>
    {
        var json = await Db.StringGetAsync(RedisKeys.Processed(contactId, providerMessageId));
        return json.IsNull ? null : StoreJson.Deserialize<StepResult>(json!);
    });

    /// <summary>
    /// Deletes the contact, then every idempotency record of it, found by key pattern on the node owning its slot (SCAN:
    /// incremental, never blocks Redis; erasure is rare, so it pays for the index the hot path no longer keeps). A step
    /// racing the erasure cannot resurrect the old state: its commit expects the old version and fails, and its retry
    /// starts a new contact.
    /// </summary>
    public Task<bool> EraseAsync(string contactId, CancellationToken cancellationToken) => Guard(async () =>
    {
        var db = Db;
        var contact = RedisKeys.Contact(contactId);
        var deleted = await db.KeyDeleteAsync([contact, RedisKeys.LegacyProcessedIndex(contactId)]);
        _cache.Remove(contactId);
        var server = redis.GetServer(await db.IdentifyEndpointAsync(contact) ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No Redis node owns the contact's slot."));
        var batch = new List<RedisKey>(256);
        await foreach (var key in server.KeysAsync(pattern: RedisKeys.ProcessedPattern(contactId), pageSize: 1000).WithCancellation(cancellationToken))
        {
            batch.Add(key);
            if (batch.Count < 256) continue;
            deleted += await db.KeyDeleteAsync([.. batch]);
            batch.Clear();
        }
        if (batch.Count > 0) deleted += await db.KeyDeleteAsync([.. batch]);
        return deleted > 0;
    });

    /// <summary>Runs a Redis call, turning "Redis is not there" into <see cref="StoreUnavailableException"/> (→ 503, provider retries).</summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Redis unavailable");
            throw new StoreUnavailableException("The state store (Redis) is unavailable.", ex);
        }
    }

    private async Task Guard(Func<Task> operation) => await Guard(async () => { await operation(); return true; });

    internal static bool IsUnavailable(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal)
                                  || s.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
                                  || s.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
                                  || s.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
                                  || s.Message.StartsWith("READONLY", StringComparison.Ordinal)
                                  // A primary with too few replicas (min-replicas-to-write), e.g. one Sentinel has just
                                  // replaced: the write is refused, not lost; the provider's retry reaches the new primary.
                                  || s.Message.Contains("NOREPLICAS", StringComparison.Ordinal),
        _ => false,
    };
}
