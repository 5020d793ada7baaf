using System.Globalization;
using Gateway.Storage;
using StackExchange.Redis;

namespace Gateway.Alerts.Storage;

/// <summary>
/// Alerts on Redis (keys in <see cref="AlertKeys"/>). The schedule (<see cref="AlertKeys.Due"/>) lives in another slot than an
/// alert's keys, so it is only a hint: an entry is added before a state change that needs it and removed after one that
/// ends it, and the scheduler re-reads the state of whatever it finds there. A crash in between leaves a harmless extra entry.
/// </summary>
public sealed class RedisAlertStore(IConnectionMultiplexer redis) : IAlertStore
{
    private IDatabase Db => redis.GetDatabase();

    private static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
    private static double Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    private static DateTimeOffset? ParseTime(RedisValue v) => v.IsNullOrEmpty ? null : DateTimeOffset.Parse(v!, CultureInfo.InvariantCulture);

    public async Task<bool> CreateAsync(AlertDefinition alert, CancellationToken cancellationToken)
    {
        await Db.SortedSetAddAsync(AlertKeys.Due, alert.Id, Ms(alert.SendAt), SortedSetWhen.NotExists);
        var created = (long)await Db.ScriptEvaluateAsync(AlertScripts.Create,
            [AlertKeys.Definition(alert.Id), AlertKeys.State(alert.Id)], [StoreJson.Serialize(alert)]);
        // Again: a scheduler round between the first add and the script found no definition and took the entry as stale
        // (seen on a loaded Redis: a 1,000,000-recipient alert stayed "scheduled" for ever). Now the definition exists.
        await Db.SortedSetAddAsync(AlertKeys.Due, alert.Id, Ms(alert.SendAt), SortedSetWhen.NotExists);
        // The commune's list (its own slot): written after the alert, so a listed id always has a definition; a crash
        // between the two leaves an alert out of the list, and the retry (same id) adds it.
        await Db.SortedSetAddAsync(AlertKeys.ByCommune(alert.Commune), alert.Id, Ms(alert.CreatedAt));
        return created == 1;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string commune, int max, CancellationToken cancellationToken) =>
        (await Db.SortedSetRangeByRankAsync(AlertKeys.ByCommune(commune.ToLowerInvariant()), 0, max - 1, Order.Descending))
            .Select(v => v.ToString()).ToList();

    public async Task<AlertDefinition?> GetDefinitionAsync(string alertId, CancellationToken cancellationToken)
    {
        var json = await Db.StringGetAsync(AlertKeys.Definition(alertId));
        return json.IsNull ? null : StoreJson.Deserialize<AlertDefinition>(json!);
    }

    public async Task<AlertProgress?> GetProgressAsync(string alertId, CancellationToken cancellationToken)
    {
        var db = Db;
        var state = db.HashGetAllAsync(AlertKeys.State(alertId));
        var done = db.SetLengthAsync(AlertKeys.Done(alertId));
        var fields = (await state).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (!fields.TryGetValue("status", out var status)) return null;
        return new AlertProgress(
            status!,
            fields.GetValueOrDefault("cursor").ToString() is { Length: > 0 } c ? c : "0",
            (long)fields.GetValueOrDefault("batches", 0),
            fields.GetValueOrDefault("dispatched") == "1",
            await done,
            ParseTime(fields.GetValueOrDefault("heldUntil")),
            ParseTime(fields.GetValueOrDefault("completedAt")),
            fields.GetValueOrDefault("published") == "1");
    }

    public async Task<AlertCounts> GetCountsAsync(string alertId, CancellationToken cancellationToken)
    {
        var entries = await Db.HashGetAllAsync(AlertKeys.Counts(alertId));
        return AlertCounts.From(entries.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal));
    }

    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(AlertKeys.Due, double.NegativeInfinity, Ms(now), take: max);
        return ids.Select(i => i.ToString()).ToList();
    }

    public Task UnscheduleAsync(string alertId, CancellationToken cancellationToken) => Db.SortedSetRemoveAsync(AlertKeys.Due, alertId);

    public Task ScheduleAsync(string alertId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Db.SortedSetAddAsync(AlertKeys.Due, alertId, Ms(at), SortedSetWhen.NotExists);

    public async Task<bool> TryLeaseAsync(string alertId, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        (long)await Db.ScriptEvaluateAsync(AlertScripts.Lease, [AlertKeys.Lease(alertId)], [owner, (long)duration.TotalMilliseconds]) == 1;

    public Task ReleaseLeaseAsync(string alertId, string owner, CancellationToken cancellationToken) =>
        Db.ScriptEvaluateAsync(AlertScripts.Release, [AlertKeys.Lease(alertId)], [owner]);

    public async Task<string?> StartSendingAsync(string alertId, CancellationToken cancellationToken)
    {
        var result = await Db.ScriptEvaluateAsync(AlertScripts.StartSending, [AlertKeys.State(alertId)]);
        return result.IsNull ? null : (string?)result;
    }

    public Task HoldAsync(string alertId, DateTimeOffset until, CancellationToken cancellationToken) => HoldAsync(alertId, until, "");

    public Task HoldBatchAsync(string alertId, SendAlertBatch batch, DateTimeOffset until, CancellationToken cancellationToken) =>
        HoldAsync(alertId, until, StoreJson.Serialize(batch));

    private async Task HoldAsync(string alertId, DateTimeOffset until, string batchJson)
    {
        await Db.SortedSetAddAsync(AlertKeys.Due, alertId, Ms(until));
        await Db.ScriptEvaluateAsync(AlertScripts.Hold, [AlertKeys.State(alertId), AlertKeys.Held(alertId)], [Iso(until), batchJson]);
    }

    public async Task<IReadOnlyList<SendAlertBatch>> TakeHeldBatchesAsync(string alertId, CancellationToken cancellationToken)
    {
        var taken = new List<SendAlertBatch>();
        while (await Db.ListLeftPopAsync(AlertKeys.Held(alertId)) is { IsNull: false } json)
            taken.Add(StoreJson.Deserialize<SendAlertBatch>(json!));
        return taken;
    }

    public async Task<bool> SaveDispatchAsync(string alertId, string cursor, long batches, bool dispatched, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = (long)await Db.ScriptEvaluateAsync(AlertScripts.SaveDispatch,
            [AlertKeys.State(alertId), AlertKeys.Done(alertId), AlertKeys.Held(alertId)],
            [cursor, batches, dispatched ? 1 : 0, Iso(now)]);
        if (result > 0) await Db.SortedSetRemoveAsync(AlertKeys.Due, alertId);
        return result == 2;
    }

    public async Task<bool> CompleteBatchAsync(string alertId, long batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var finished = (long)await Db.ScriptEvaluateAsync(AlertScripts.CompleteBatch,
            [AlertKeys.State(alertId), AlertKeys.Done(alertId), AlertKeys.Held(alertId)], [batch, Iso(now)]) == 1;
        if (finished) await Db.SortedSetRemoveAsync(AlertKeys.Due, alertId);
        return finished;
    }

    public async Task<bool> CancelAsync(string alertId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancelled = (long)await Db.ScriptEvaluateAsync(AlertScripts.Cancel, [AlertKeys.State(alertId), AlertKeys.Held(alertId)], [Iso(now)]) == 1;
        if (cancelled) await Db.SortedSetRemoveAsync(AlertKeys.Due, alertId);
        return cancelled;
    }

    public async Task<bool> ClaimAsync(string alertId, string contactId, CancellationToken cancellationToken) =>
        (long)await Db.ScriptEvaluateAsync(AlertScripts.Claim, [AlertKeys.Claimed(alertId), AlertKeys.Counts(alertId)], [contactId]) == 1;

    public Task ReleaseAsync(string alertId, string contactId, CancellationToken cancellationToken) =>
        Db.ScriptEvaluateAsync(AlertScripts.Unclaim, [AlertKeys.Claimed(alertId), AlertKeys.Counts(alertId)], [contactId]);

    public Task CountAsync(string alertId, IReadOnlyList<(string Field, long Delta)> deltas, CancellationToken cancellationToken)
    {
        var db = Db;
        var key = AlertKeys.Counts(alertId);
        return Task.WhenAll(deltas.Select(d => db.HashIncrementAsync(key, d.Field, d.Delta)));
    }

    public async Task<string?> StatusAsync(string alertId, CancellationToken cancellationToken)
    {
        var status = await Db.HashGetAsync(AlertKeys.State(alertId), "status");
        return status.IsNull ? null : status.ToString();
    }

    public Task<bool> MarkCompletionPublishedAsync(string alertId, CancellationToken cancellationToken) =>
        Db.HashSetAsync(AlertKeys.State(alertId), "published", 1, When.NotExists);

    public Task MapMessageAsync(string provider, string messageId, string alertId, TimeSpan ttl, CancellationToken cancellationToken) =>
        Db.ScriptEvaluateAsync(AlertScripts.MapMessage, [AlertKeys.Message(provider, messageId)], [alertId, (long)ttl.TotalMilliseconds]);

    public async Task<string?> ApplyDeliveryAsync(string provider, string messageId, string field, CancellationToken cancellationToken)
    {
        var result = await Db.ScriptEvaluateAsync(AlertScripts.FinalDelivery, [AlertKeys.Message(provider, messageId)]);
        if (result.IsNull) return null;
        var alertId = (string)result!;
        // Another slot than the mapping: the mapping's final flag is the once-guard; the counts follow.
        await CountAsync(alertId, [(AlertCounters.Sent, -1), (field, 1)], cancellationToken);
        return alertId;
    }

    /// <summary>
    /// SCANs for the claim sets (one per alert, no TTL) and the contact's daily caps on every primary: erasures are rare,
    /// and each command touches one key, so this holds on a cluster too.
    /// </summary>
    public async Task ForgetContactAsync(string contactId, CancellationToken cancellationToken)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica) continue;
            await foreach (var key in server.KeysAsync(pattern: "gw:{a:*}:claimed", pageSize: 1000).WithCancellation(cancellationToken))
                await Db.SetRemoveAsync(key, contactId);
            await foreach (var key in server.KeysAsync(pattern: AlertKeys.DailyCap(contactId, "*").ToString(), pageSize: 1000).WithCancellation(cancellationToken))
                await Db.KeyDeleteAsync(key);
        }
    }

    public async Task<bool> TryTakeDailyAsync(string contactId, string day, int cap, CancellationToken cancellationToken) =>
        (long)await Db.ScriptEvaluateAsync(AlertScripts.TakeDaily, [AlertKeys.DailyCap(contactId, day)], [cap]) == 1;
}
