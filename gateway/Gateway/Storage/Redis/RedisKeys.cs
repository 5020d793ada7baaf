using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Storage.Redis;

/// <summary>
/// Every Redis key the gateway uses, built in one place. A contact maps to one of <see cref="ShardCount"/> shards by a
/// stable hash of its id, and the shard is the Redis Cluster hash tag (<c>{s17}</c>): the contact's keys, the outbox
/// stream its events go to and the counter hashes its commit bumps all live in one slot, so one Lua script can
/// write them atomically on a cluster too.
/// <code>
/// gw:{s17}:contact:&lt;contactId&gt;                       hash: v = version, s = ContactState JSON (no TTL)
/// gw:{s17}:processed:&lt;contactId&gt;:&lt;providerMessageId&gt;  StepResult JSON, TTL 48 h
/// gw:{s17}:outbox                                    stream: id, type, payload, createdAt; consumer group "relay"
/// gw:{s17}:outbox:dead                               stream of events the relay could not publish (+ reason)
/// gw:{s17}:counter:&lt;counterName&gt;                     hash of live tallies (one per shard; readers sum the 64)
/// gw:{s17}:&lt;collection&gt;:&lt;recordId&gt;                 hash: v = version, j = a feature's record JSON; shard of the id
/// gw:{s17}:&lt;collection&gt;of:&lt;contactId&gt;              set of the ids of that collection the contact's commits created
/// gw:{s17}:rate:&lt;quota&gt;:&lt;contactId&gt;:&lt;window&gt;       an inbound quota's count in one window (INCR by the commit), TTL 2 windows
/// gw:rate:&lt;key&gt;:&lt;window&gt;                          another fixed-window counter (the admin keys' limit), TTL 2 windows
/// gw:relay:alive:&lt;consumer&gt;                         a live outbox relay (TTL 3 s, refreshed every second)
/// </code>
/// A record a step creates is written by the contact's commit, so its id must be in the contact's shard: the feature
/// draws it so (e.g. Feedback's references), and the commit refuses one that is not.
/// </summary>
public static class RedisKeys
{
    public const int ShardCount = 64;
    private const string Prefix = "gw:";

    /// <summary>The shard of a contact: FNV-1a (32 bit) over the UTF-8 id, modulo 64. Stable across processes and versions; never change it.</summary>
    public static int Shard(string contactId)
    {
        const uint offset = 2166136261, prime = 16777619;
        // Contact ids are short: encode on the stack (several keys are built per step, none should allocate for this).
        Span<byte> utf8 = contactId.Length <= 128 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(contactId.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(contactId.Length)];
        var length = Encoding.UTF8.GetBytes(contactId, utf8);
        var hash = offset;
        foreach (var b in utf8[..length]) hash = (hash ^ b) * prime;
        return (int)(hash % ShardCount);
    }

    public static string Tag(int shard) => "{s" + shard.ToString(CultureInfo.InvariantCulture) + "}";

    public static RedisKey Contact(string contactId) => $"{Prefix}{Tag(Shard(contactId))}:contact:{contactId}";

    public static RedisKey Processed(string contactId, string providerMessageId) =>
        $"{Prefix}{Tag(Shard(contactId))}:processed:{contactId}:{providerMessageId}";

    /// <summary>The SCAN pattern of every idempotency record of a contact (erasure). Contact ids hold no glob characters.</summary>
    public static RedisValue ProcessedPattern(string contactId) => $"{Prefix}{Tag(Shard(contactId))}:processed:{contactId}:*";

    /// <summary>
    /// Legacy: earlier builds kept, on every commit, a sorted set of the contact's processed ids here for erasure.
    /// Nothing writes it any more; erasure still deletes it so that a store written by the older version is fully erased.
    /// </summary>
    public static RedisKey LegacyProcessedIndex(string contactId) => $"{Prefix}{Tag(Shard(contactId))}:processedidx:{contactId}";

    public static RedisKey Outbox(int shard) => $"{Prefix}{Tag(shard)}:outbox";

    public static RedisKey OutboxOf(string contactId) => Outbox(Shard(contactId));

    public static RedisKey DeadLetters(int shard) => $"{Prefix}{Tag(shard)}:outbox:dead";

    /// <summary>The dead-letter stream beside an outbox stream key (same hash tag, same slot).</summary>
    public static RedisKey DeadLettersOf(string outboxKey) => outboxKey + ":dead";

    public static RedisKey Counter(int shard, string counter) => $"{Prefix}{Tag(shard)}:counter:{counter}";

    public static RedisKey CounterOf(string contactId, string counter) => Counter(Shard(contactId), counter);

    /// <summary>A feature's record (<see cref="Conversations.Ports.CommitRecord"/>), in the shard of its id.</summary>
    public static RedisKey Record(string collection, string id) => $"{Prefix}{Tag(Shard(id))}:{collection}:{id}";

    /// <summary>The set of the ids of <paramref name="collection"/> the contact's commits created, in the contact's shard.</summary>
    public static RedisKey RecordsOf(string collection, string contactId) => $"{Prefix}{Tag(Shard(contactId))}:{collection}of:{contactId}";

    /// <summary>
    /// A fixed-window hit counter: <paramref name="key"/>'s count in window number <paramref name="window"/>, in the slot
    /// of the hash tag <paramref name="slot"/> (null: none, e.g. the admin keys' counters).
    /// </summary>
    public static RedisKey Rate(string? slot, string key, long window) =>
        (slot is null ? Prefix + "rate:" : Prefix + slot + ":rate:") + key + ":" + window.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A contact's count of an inbound quota (<see cref="Conversations.Ports.InboundQuota"/>) in one window, in the contact's
    /// slot so the commit script counts it. The same key as the counter in front of the engine used before (a deployment
    /// upgraded mid-window keeps its counts; erasure finds it where it did).
    /// </summary>
    public static RedisKey Quota(string contactId, string quota, long window) => Rate(Tag(Shard(contactId)), quota + ":" + contactId, window);

    /// <summary>The consumer group every gateway replica's relay joins on every outbox stream.</summary>
    public const string RelayGroup = "relay";

    /// <summary>A relay's liveness (TTL a few seconds, refreshed every second): without it, its outbox entries go to the others.</summary>
    public static RedisKey RelayAlive(string consumer) => $"{Prefix}relay:alive:{consumer}";
}
