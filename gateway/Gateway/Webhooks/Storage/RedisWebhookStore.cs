using System.Text.Json;
using StackExchange.Redis;

namespace Gateway.Webhooks.Storage;

/// <summary>
/// Subscriptions and the delivery queue in Redis, every key under one hash tag (one slot: multi-key scripts are
/// cluster-safe; the volume is a few partners' events, not the contacts' traffic).
/// <code>
/// {gw:webhooks}:subs          hash: id = WebhookSubscription JSON (its secret too: an HMAC needs it)
/// {gw:webhooks}:d:&lt;id&gt;        string: WebhookDelivery JSON; expires after the retention once finished
/// {gw:webhooks}:due           sorted set: pending delivery ids by next attempt (ms); a claim moves it to the lease's end
/// {gw:webhooks}:recent:&lt;sub&gt;  list: the subscription's latest delivery ids, newest first (capped)
/// </code>
/// </summary>
public sealed class RedisWebhookStore(IConnectionMultiplexer redis) : IWebhookStore
{
    private const string Prefix = "{gw:webhooks}:";
    private static readonly RedisKey Subscriptions = Prefix + "subs";
    private static readonly RedisKey Due = Prefix + "due";

    private static RedisKey DeliveryKey(string id) => Prefix + "d:" + id;
    private static RedisKey RecentKey(string subscriptionId) => Prefix + "recent:" + subscriptionId;

    // SET NX first: a delivery written again (the relay re-applying an event) neither requeues nor lists twice.
    private static readonly LuaScript Enqueue = LuaScript.Prepare("""
        if redis.call('SET', @delivery, @json, 'NX') then
          redis.call('ZADD', @due, @at, @id)
          redis.call('LPUSH', @recent, @id)
          redis.call('LTRIM', @recent, 0, @keep)
          return 1
        end
        return 0
        """);

    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local ids = redis.call('ZRANGEBYSCORE', @due, '-inf', @now, 'LIMIT', 0, @max)
        for _, id in ipairs(ids) do redis.call('ZADD', @due, @lease, id) end
        return ids
        """);

    public Task<bool> TryAddSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashSetAsync(Subscriptions, subscription.Id, Serialize(subscription), When.NotExists);

    public Task SaveSubscriptionAsync(WebhookSubscription subscription, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashSetAsync(Subscriptions, subscription.Id, Serialize(subscription));

    public async Task<WebhookSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().HashGetAsync(Subscriptions, id);
        return value.IsNull ? null : Deserialize<WebhookSubscription>(value);
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var all = await redis.GetDatabase().HashGetAllAsync(Subscriptions);
        return [.. all.Select(e => Deserialize<WebhookSubscription>(e.Value)).OrderBy(s => s.CreatedAt)];
    }

    public async Task<bool> TryEnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(Enqueue, new
        {
            delivery = DeliveryKey(delivery.Id),
            due = Due,
            recent = RecentKey(delivery.SubscriptionId),
            json = Serialize(delivery),
            at = delivery.NextAttemptAt.ToUnixTimeMilliseconds(),
            id = delivery.Id,
            keep = WebhookStoreLimits.RecentPerSubscription - 1,
        });
        return (long)result == 1;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var ids = (RedisValue[]?)await db.ScriptEvaluateAsync(Claim, new
        {
            due = Due,
            now = now.ToUnixTimeMilliseconds(),
            max,
            lease = leaseUntil.ToUnixTimeMilliseconds(),
        }) ?? [];
        if (ids.Length == 0) return [];
        var values = await db.StringGetAsync([.. ids.Select(id => DeliveryKey(id.ToString()))]);
        List<WebhookDelivery> claimed = [];
        for (var i = 0; i < ids.Length; i++)
        {
            if (values[i].IsNull) await db.SortedSetRemoveAsync(Due, ids[i]); // expired or never written: nothing to send
            else claimed.Add(Deserialize<WebhookDelivery>(values[i]));
        }
        return claimed;
    }

    public async Task SaveDeliveryAsync(WebhookDelivery delivery, TimeSpan retention, CancellationToken cancellationToken)
    {
        var pending = delivery.State == DeliveryState.Pending;
        var transaction = redis.GetDatabase().CreateTransaction();
        TimeSpan? expiry = pending ? null : retention;
        _ = transaction.StringSetAsync(DeliveryKey(delivery.Id), Serialize(delivery), expiry, When.Always);
        _ = pending
            ? transaction.SortedSetAddAsync(Due, delivery.Id, delivery.NextAttemptAt.ToUnixTimeMilliseconds())
            : transaction.SortedSetRemoveAsync(Due, delivery.Id);
        await transaction.ExecuteAsync();
    }

    public async Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(DeliveryKey(id));
        return value.IsNull ? null : Deserialize<WebhookDelivery>(value);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> RecentDeliveriesAsync(string subscriptionId, int max, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var ids = await db.ListRangeAsync(RecentKey(subscriptionId), 0, WebhookStoreLimits.RecentPerSubscription - 1);
        if (ids.Length == 0) return [];
        var values = await db.StringGetAsync([.. ids.Select(id => DeliveryKey(id.ToString()))]);
        return [.. values.Where(v => !v.IsNull).Select(v => Deserialize<WebhookDelivery>(v)).Take(max)];
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, WebhookJson.Store);

    private static T Deserialize<T>(RedisValue value) => JsonSerializer.Deserialize<T>(value.ToString(), WebhookJson.Store)!;
}
