using Gateway.Storage.Redis;
using StackExchange.Redis;

namespace Gateway.Alerts.Storage;

/// <summary>
/// Redis keys of alerts. An alert's keys share the hash tag <c>{a:&lt;id&gt;}</c> so its scripts run on one Cluster slot;
/// the audiences they are sent to are the Contacts feature's (<see cref="Contacts.AudienceRedisStore"/>).
/// <code>
/// gw:{a:&lt;id&gt;}:def           AlertDefinition JSON (written once)
/// gw:{a:&lt;id&gt;}:state         hash: status, cursor, batches, dispatched, heldUntil, completedAt, published
/// gw:{a:&lt;id&gt;}:counts        hash: targeted, sent, delivered, failed, skipped, skipped:&lt;reason&gt;
/// gw:{a:&lt;id&gt;}:claimed       set of contact ids already handled (the at-most-once guard)
/// gw:{a:&lt;id&gt;}:done          set of batch numbers processed
/// gw:{a:&lt;id&gt;}:held          list of batches parked by quiet hours (JSON)
/// gw:{a:&lt;id&gt;}:lease         dispatcher lease (owner), PX
/// gw:{alerts}:due              zset alert id → due time (ms)
/// gw:{alerts:&lt;commune&gt;}:list  zset alert id → creation time (ms): the commune's alerts, newest first
/// gw:alertmsg:&lt;provider&gt;:&lt;messageId&gt;   hash: alert, final; TTL Alerts:MessageMappingTtl
/// gw:{s17}:alertcap:&lt;contactId&gt;:&lt;yyyyMMdd&gt;  daily alert count of a contact (the contact's shard), TTL 48 h
/// </code>
/// </summary>
public static class AlertKeys
{
    private static string Tag(string alertId) => "gw:{a:" + alertId + "}";

    public static RedisKey Definition(string alertId) => Tag(alertId) + ":def";
    public static RedisKey State(string alertId) => Tag(alertId) + ":state";
    public static RedisKey Counts(string alertId) => Tag(alertId) + ":counts";
    public static RedisKey Claimed(string alertId) => Tag(alertId) + ":claimed";
    public static RedisKey Done(string alertId) => Tag(alertId) + ":done";
    public static RedisKey Held(string alertId) => Tag(alertId) + ":held";
    public static RedisKey Lease(string alertId) => Tag(alertId) + ":lease";
    public static readonly RedisKey Due = "gw:{alerts}:due";
    public static RedisKey ByCommune(string commune) => "gw:{alerts:" + commune.ToLowerInvariant() + "}:list";
    public static RedisKey Message(string provider, string messageId) => "gw:alertmsg:" + provider + ":" + messageId;
    public static RedisKey DailyCap(string contactId, string day) => "gw:" + RedisKeys.Tag(RedisKeys.Shard(contactId)) + ":alertcap:" + contactId + ":" + day;
}
