using Gateway.Conversations;
using StackExchange.Redis;

namespace Gateway.Storage.Redis;

/// <summary>
/// The stores on Redis, over the one shared multiplexer. A commit is one Lua script (<see cref="RedisScripts.Commit"/>)
/// writing state, outbox events, counters and the idempotency record together, or nothing when the version moved.
/// <para>Retention: contact hashes have no TTL (contacts persist until erased: <see cref="EraseAsync"/> on request or
/// opt-out policy); idempotency records and their index expire after 48 h; outbox entries are deleted once published.</para>
/// </summary>
public sealed partial class RedisStore(IConnectionMultiplexer redis, ILogger<RedisStore> logger)
    : IContactStore, IOutboxStore, ICounterStore, IOutboxDeadLetters
{
    /// <summary>How long a provider message id is remembered (providers retry for hours; 48 h is the contract).</summary>
    public static readonly TimeSpan ProcessedTtl = TimeSpan.FromHours(48);

    private static readonly RedisValue[] ContactFields = ["v", "s"];

    private IDatabase Db => redis.GetDatabase();

    public Task<StoredContact?> GetAsync(string contactId, CancellationToken cancellationToken) => Guard(async () =>
    {
        var values = await Db.HashGetAsync(RedisKeys.Contact(contactId), ContactFields);
        if (values[0].IsNull || values[1].IsNull) return null;
        return new StoredContact(StoreJson.Deserialize<ContactState>(values[1]!), (long)values[0]);
    });

    public Task<bool> TryCommitAsync(ContactCommit commit, CancellationToken cancellationToken) => Guard(async () =>
    {
        var id = commit.ContactId;
        var keys = new RedisKey[3 + commit.Counters.Count];
        keys[0] = RedisKeys.Contact(id);
        keys[1] = RedisKeys.OutboxOf(id);
        keys[2] = RedisKeys.Processed(id, commit.Processed?.ProviderMessageId ?? "");
        var args = new RedisValue[6 + commit.Events.Count * 4 + commit.Counters.Count * 2];
        args[0] = commit.ExpectedVersion;
        args[1] = StoreJson.Serialize(commit.State);
        args[2] = commit.Processed is { } p ? StoreJson.Serialize(p.Result) : "";
        args[3] = (long)ProcessedTtl.TotalSeconds;
        args[4] = commit.Events.Count;
        args[5] = id;
        var a = 6;
        foreach (var e in commit.Events)
        {
            args[a++] = e.MessageId.ToString("D");
            args[a++] = e.MessageType;
            args[a++] = e.Payload;
            args[a++] = e.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }
        var k = 3;
        foreach (var c in commit.Counters)
        {
            keys[k++] = RedisKeys.CounterOf(id, c.Counter);
            args[a++] = c.Field;
            args[a++] = c.Delta;
        }
        var result = await Db.ScriptEvaluateAsync(RedisScripts.Commit, keys, args);
        var committed = (long)result == 1;
        if (committed && commit.Events.Count > 0) MarkDirty(RedisKeys.Shard(id));
        return committed;
    });

    public Task<StepResult?> GetProcessedAsync(string contactId, string providerMessageId, CancellationToken cancellationToken) => Guard(async () =>
    {
        var json = await Db.StringGetAsync(RedisKeys.Processed(contactId, providerMessageId));
        return json.IsNull ? null : StoreJson.Deserialize<StepResult>(json!);
    });

    /// <summary>Both reads pipelined on the one connection: Redis runs them in the order sent (state first), one round trip.</summary>
    public Task<(StoredContact? Contact, StepResult? Processed)> LoadAsync(string contactId, string? providerMessageId, CancellationToken cancellationToken) => Guard(async () =>
    {
        var db = Db;
        var state = db.HashGetAsync(RedisKeys.Contact(contactId), ContactFields);
        var processed = providerMessageId is null ? null : db.StringGetAsync(RedisKeys.Processed(contactId, providerMessageId));
        var values = await state;
        var contact = values[0].IsNull || values[1].IsNull ? null : new StoredContact(StoreJson.Deserialize<ContactState>(values[1]!), (long)values[0]);
        var json = processed is null ? RedisValue.Null : await processed;
        return (contact, json.IsNull ? null : StoreJson.Deserialize<StepResult>(json!));
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
                                  || s.Message.StartsWith("READONLY", StringComparison.Ordinal),
        _ => false,
    };
}
