using Gateway.Conversations.Ports;

namespace Gateway.Storage;

/// <summary>The inbound quotas' counts (<see cref="ContactCommit.Quota"/>), one per contact, quota and window, under the store's lock.</summary>
public sealed partial class InMemoryStore
{
    /// <summary>Below this many counts nothing is swept; above it, counts past their TTL are dropped (then the bar doubles with what is left).</summary>
    private const int QuotaSweepFloor = 10_000;
    private readonly Dictionary<(string ContactId, string Quota, long Window), (long Count, DateTimeOffset ExpiresAt)> _quotas = [];
    private int _quotaSweepAt = QuotaSweepFloor;

    /// <summary>Counts one message of <paramref name="contactId"/> against <paramref name="quota"/>; returns the window's count so far. Under <c>_gate</c>.</summary>
    private long CountQuota(string contactId, InboundQuota quota)
    {
        var now = clock.GetUtcNow();
        var key = (contactId, quota.Name, quota.Window);
        // As Redis does with the key's TTL: a count is kept for the quota's TTL from the window's first message.
        var count = _quotas.TryGetValue(key, out var entry) && entry.ExpiresAt > now ? entry with { Count = entry.Count + 1 } : (1, now + quota.Ttl);
        _quotas[key] = count;
        if (_quotas.Count > _quotaSweepAt) SweepQuotas(now);
        return count.Count;
    }

    /// <summary>Bounded memory: drops the counts of windows that ended (past their TTL); amortised, the bar doubles with the live counts.</summary>
    private void SweepQuotas(DateTimeOffset now)
    {
        foreach (var ended in _quotas.Where(q => q.Value.ExpiresAt <= now).Select(q => q.Key).ToList()) _quotas.Remove(ended);
        _quotaSweepAt = Math.Max(QuotaSweepFloor, _quotas.Count * 2);
    }

    /// <summary>Erasure: the contact's counts go with it (their key holds the contact id). Under <c>_gate</c>.</summary>
    private void ForgetQuotas(string contactId)
    {
        foreach (var key in _quotas.Keys.Where(k => k.ContactId == contactId).ToList()) _quotas.Remove(key);
    }
}
