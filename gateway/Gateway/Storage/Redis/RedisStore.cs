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
        var keys = new List<RedisKey>(4 + commit.Counters.Count)
        {
            RedisKeys.Contact(id),
            RedisKeys.OutboxOf(id),
            RedisKeys.Processed(id, commit.Processed?.ProviderMessageId ?? ""),
            RedisKeys.ProcessedIndex(id),
        };
        var args = new List<RedisValue>(6 + commit.Events.Count * 4 + commit.Counters.Count * 2)
        {
            commit.ExpectedVersion,
            StoreJson.Serialize(commit.State),
            commit.Processed is { } p ? StoreJson.Serialize(p.Result) : "",
            commit.Processed?.ProviderMessageId ?? "",
            (long)ProcessedTtl.TotalSeconds,
            commit.Events.Count,
        };
        foreach (var e in commit.Events)
        {
            args.Add(e.MessageId.ToString("D"));
            args.Add(e.MessageType);
            args.Add(e.Payload);
            args.Add(e.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var c in commit.Counters)
        {
            keys.Add(RedisKeys.CounterOf(id, c.Counter));
            args.Add(c.Field);
            args.Add(c.Delta);
        }
        var result = await Db.ScriptEvaluateAsync(RedisScripts.Commit, [.. keys], [.. args]);
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

    public Task<bool> EraseAsync(string contactId, CancellationToken cancellationToken) => Guard(async () =>
    {
        var index = RedisKeys.ProcessedIndex(contactId);
        // A commit may add a processed id between reading the index and erasing: the script refuses (-1) and we re-read.
        for (var attempt = 0; ; attempt++)
        {
            var members = await Db.SortedSetRangeByRankAsync(index);
            RedisKey[] keys = [RedisKeys.Contact(contactId), index, .. members.Select(m => RedisKeys.Processed(contactId, m!))];
            var deleted = (long)await Db.ScriptEvaluateAsync(RedisScripts.Erase, keys, members);
            if (deleted >= 0) return deleted > 0;
            if (attempt >= 10) throw new InvalidOperationException($"Contact {contactId} kept changing during erasure.");
        }
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
