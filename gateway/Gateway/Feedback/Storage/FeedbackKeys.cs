using StackExchange.Redis;

using Gateway.Storage.Redis;

namespace Gateway.Feedback.Storage;

/// <summary>
/// The desk's Redis keys.
/// <code>
/// gw:{s17}:feedback:&lt;reference&gt;              hash: v = version, j = FeedbackReport JSON; shard of the reference
///                                              (= the filing contact's shard, see FeedbackReferences): RedisKeys.Record
/// gw:{s17}:feedbackof:&lt;contactId&gt;             set of the references the contact filed (erasure, follow-up): RedisKeys.RecordsOf
/// gw:{fb:&lt;commune&gt;}:feedback:idx:&lt;index&gt;      sorted sets of references per commune (one slot per commune):
///   all, status:X, kind:X, category:X, channel:X, language:X, simulated   score = received (ms)
///   due (every report), open (open ones)                              score = due (ms)
///   closed (closed, not yet purged)                                   score = closed (ms)
/// </code>
/// The record and the contact's set are written by the step's commit (contact's slot); the indexes, in the commune's
/// slot, by <see cref="FeedbackIndexProjection"/> from the outbox, so no script ever spans two slots.
/// </summary>
public static class FeedbackKeys
{
    private const string Prefix = "gw:";
    private const string NoCommune = "_";

    public static RedisKey Record(string reference) => RedisKeys.Record(FeedbackRecords.Collection, reference);

    public static RedisKey OfContact(string contactId) => RedisKeys.RecordsOf(FeedbackRecords.Collection, contactId);

    public static RedisKey Index(string? commune, string index) => $"{Prefix}{{fb:{commune?.ToLowerInvariant() ?? NoCommune}}}:feedback:idx:{index}";
}
