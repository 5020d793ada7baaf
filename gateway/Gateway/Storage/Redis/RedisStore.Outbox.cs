using System.Globalization;
using StackExchange.Redis;

namespace Gateway.Storage.Redis;

/// <summary>
/// The outbox read side: 64 shard streams, each read through the consumer group <c>relay</c>, so any number of
/// replicas share the work and an entry is handed to one relay at a time. An entry stays in the group's pending list
/// until <see cref="AcknowledgeAsync"/> (XACK + XDEL, after the broker confirmed); a relay that died holding entries
/// loses all of them to the others within seconds (RedisStore.RelayLiveness.cs).
/// </summary>
public sealed partial class RedisStore
{
    private const int ShardsPerRoundTrip = 16;

    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _readGate = new(1, 1);
    /// <summary>
    /// Per shard, how many entries were delivered to this relay and not yet acknowledged or dead-lettered. Only shards
    /// holding some are re-read from the pending list: under load an unconditional re-read doubled the stream reads, and
    /// each read also costs Redis an XCLAIM propagated to the AOF and replicas.
    /// </summary>
    private readonly int[] _held = new int[RedisKeys.ShardCount];
    private bool _groupsReady;
    private long _nextClaimAt;

    /// <summary>Every shard is swept this often; in between, a round reads only the shards this process wrote events to.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(1);
    private readonly int[] _dirty = new int[RedisKeys.ShardCount];
    private long _nextSweepAt;

    /// <summary>Notes that this process appended to a shard's outbox, so the next relay round reads it without a full sweep.</summary>
    private void MarkDirty(int shard) => Volatile.Write(ref _dirty[shard], 1);

    /// <summary>
    /// The shards to read for new entries: all of them once per <see cref="SweepEvery"/> (events other replicas left,
    /// a restart), else only those this process wrote to since the last round. Under load this turns 64 stream reads
    /// per round into one or two.
    /// </summary>
    private int[] ShardsToRead()
    {
        var sweep = Environment.TickCount64 >= _nextSweepAt;
        if (sweep) _nextSweepAt = Environment.TickCount64 + (long)SweepEvery.TotalMilliseconds;
        var shards = new List<int>(sweep ? RedisKeys.ShardCount : 4);
        for (var i = 0; i < RedisKeys.ShardCount; i++)
        {
            var s = (_rotation + i) % RedisKeys.ShardCount;
            if (Interlocked.Exchange(ref _dirty[s], 0) == 1 || sweep) shards.Add(s);
        }
        return [.. shards];
    }
    private int _rotation;

    public async Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(int max, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken);
        try
        {
            return await Guard(async () =>
            {
                try
                {
                    return await ReadPendingCoreAsync(max);
                }
                catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
                {
                    // The streams were lost (FLUSHDB, a Redis without persistence restarted): recreate the groups next time.
                    _groupsReady = false;
                    return (IReadOnlyList<OutboxEntry>)[];
                }
            });
        }
        finally
        {
            _readGate.Release();
        }
    }

    private async Task<IReadOnlyList<OutboxEntry>> ReadPendingCoreAsync(int max)
    {
        var db = Db;
        await EnsureGroupsAsync(db);
        var found = new List<OutboxEntry>();

        // 1. Entries of relays that died become this relay's own, all of them (read below, a batch at a time).
        await ClaimFromDeadRelaysAsync(db);

        // 2. Entries this relay already holds (a publish failed, or taken over): they come first so per-contact order is kept.
        var own = Enumerable.Range(0, RedisKeys.ShardCount).Where(s => Volatile.Read(ref _held[s]) > 0).ToArray();
        var ownReads = own.Select(s => db.StreamReadGroupAsync(RedisKeys.Outbox(s), RedisKeys.RelayGroup, _consumer, "0-0", max)).ToArray();
        var ownResults = await Task.WhenAll(ownReads);
        for (var i = 0; i < own.Length; i++)
        {
            // "0-0" returns this relay's whole pending list of the shard (up to max): a shorter answer is the exact count.
            if (ownResults[i].Length < max) Volatile.Write(ref _held[own[i]], ownResults[i].Length);
            await AddEntriesAsync(db, own[i], ownResults[i], found);
        }

        // 3. New entries, a few shards per round trip, starting at a rotating shard so no shard starves.
        _rotation = (_rotation + 1) % RedisKeys.ShardCount;
        var toRead = ShardsToRead();
        var chunk = 0;
        for (; chunk < toRead.Length && found.Count < max; chunk += ShardsPerRoundTrip)
        {
            var shards = toRead.Skip(chunk).Take(ShardsPerRoundTrip).ToArray();
            var count = max - found.Count;
            var reads = shards.Select(s => db.StreamReadGroupAsync(RedisKeys.Outbox(s), RedisKeys.RelayGroup, _consumer, StreamPosition.NewMessages, count)).ToArray();
            var results = await Task.WhenAll(reads);
            for (var i = 0; i < shards.Length; i++)
            {
                if (results[i].Length == 0) continue;
                // A full answer may have left entries behind: read the shard again next round, not at the next sweep.
                if (results[i].Length == count) MarkDirty(shards[i]);
                // Entries past `max` stay delivered to this relay; step 1 returns them on the next call.
                Interlocked.Add(ref _held[shards[i]], results[i].Length);
                await AddEntriesAsync(db, shards[i], results[i], found);
            }
        }
        // Shards not reached because the batch filled up are read next round.
        for (var i = chunk; i < toRead.Length; i++) MarkDirty(toRead[i]);
        return found.Count > max ? found.GetRange(0, max) : found;
    }

    private async Task AddEntriesAsync(IDatabase db, int shard, StreamEntry[] entries, List<OutboxEntry> found)
    {
        var key = RedisKeys.Outbox(shard);
        foreach (var entry in entries)
        {
            var fields = OutboxEntryFields.Read(entry);
            if (fields.TryGetEvent(out var outboxEvent))
            {
                found.Add(new OutboxEntry(entry.Id!, key!, outboxEvent, fields.Key.IsNull ? null : (string)fields.Key!));
                continue;
            }
            // A pending id whose stream entry is gone (deleted after a lost ack): nothing left to publish.
            await db.StreamAcknowledgeAsync(key, RedisKeys.RelayGroup, entry.Id);
            Release(shard, 1);
        }
    }

    /// <summary>Entries of a shard this relay no longer holds (acknowledged, dead-lettered).</summary>
    private void Release(int shard, int count)
    {
        if (Interlocked.Add(ref _held[shard], -count) < 0) Interlocked.Exchange(ref _held[shard], 0);
    }

    private static int ShardOf(string outboxKey) => OutboxShards.TryGetValue(outboxKey, out var shard) ? shard : -1;

    private static readonly Dictionary<string, int> OutboxShards =
        Enumerable.Range(0, RedisKeys.ShardCount).ToDictionary(s => RedisKeys.Outbox(s).ToString(), s => s, StringComparer.Ordinal);

    private async Task EnsureGroupsAsync(IDatabase db)
    {
        if (_groupsReady) return;
        var creates = Enumerable.Range(0, RedisKeys.ShardCount).Select(async s =>
        {
            try
            {
                // From "0": events committed before any relay ever ran are published too. MKSTREAM: the stream may not exist yet.
                await db.StreamCreateConsumerGroupAsync(RedisKeys.Outbox(s), RedisKeys.RelayGroup, "0-0", createStream: true);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // Another replica (or an earlier run) created it.
            }
        });
        await Task.WhenAll(creates);
        _groupsReady = true;
    }

    public Task AcknowledgeAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken) => Guard(async () =>
    {
        var db = Db;
        var acks = entries.GroupBy(e => e.Partition).Select(async g =>
        {
            await db.ScriptEvaluateAsync(RedisScripts.Acknowledge, [g.Key], [RedisKeys.RelayGroup, .. g.Select(e => (RedisValue)e.EntryId)]);
            if (ShardOf(g.Key) is var shard and >= 0) Release(shard, g.Count());
        });
        await Task.WhenAll(acks);
    });

    public Task<long> BacklogAsync(CancellationToken cancellationToken) => Guard(async () =>
    {
        var db = Db;
        var lengths = await Task.WhenAll(Enumerable.Range(0, RedisKeys.ShardCount).Select(s => db.StreamLengthAsync(RedisKeys.Outbox(s))));
        return lengths.Sum();
    });

    public Task DeadLetterAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken) => Guard(async () =>
    {
        var e = entry.Event;
        await Db.ScriptEvaluateAsync(RedisScripts.DeadLetter,
            [entry.Partition, RedisKeys.DeadLettersOf(entry.Partition)],
            [RedisKeys.RelayGroup, entry.EntryId, e.MessageId.ToString("D"), e.MessageType, e.Payload,
             e.CreatedAt.ToString("O", CultureInfo.InvariantCulture), reason]);
        if (ShardOf(entry.Partition) is var shard and >= 0) Release(shard, 1);
    });

    public Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken) => Guard(async () =>
    {
        var db = Db;
        var reads = await Task.WhenAll(Enumerable.Range(0, RedisKeys.ShardCount).Select(s => db.StreamRangeAsync(RedisKeys.DeadLetters(s), count: max)));
        var letters = new List<DeadLetter>();
        foreach (var entry in reads.SelectMany(r => r))
        {
            var fields = OutboxEntryFields.Read(entry);
            if (fields.TryGetEvent(out var e)) letters.Add(new DeadLetter(e, fields.Reason.ToString()));
        }
        return (IReadOnlyList<DeadLetter>)letters.OrderBy(l => l.Event.CreatedAt).Take(max).ToList();
    });
}
