namespace Gateway.Alerts.Storage;

/// <summary>The embedded default: one lock over everything, the same transitions as the Redis store.</summary>
public sealed class InMemoryAlertStore(TimeProvider clock) : IAlertStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string AlertId, bool Final, DateTimeOffset ExpiresAt)> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _daily = new(StringComparer.Ordinal);

    private sealed class Entry(AlertDefinition definition)
    {
        public AlertDefinition Definition { get; } = definition;
        public string Status = AlertStatus.Scheduled;
        public string Cursor = "0";
        public long Batches;
        public bool Dispatched;
        public DateTimeOffset? HeldUntil;
        public DateTimeOffset? CompletedAt;
        public bool Published;
        public DateTimeOffset? DueAt;
        public (string Owner, DateTimeOffset Until)? Lease;
        public readonly HashSet<long> Done = [];
        public readonly HashSet<string> Claimed = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> Counts = new(StringComparer.Ordinal);
        public readonly List<SendAlertBatch> Held = [];
    }

    private T Locked<T>(Func<T> body)
    {
        lock (_gate) return body();
    }

    private Entry? Find(string id) => _alerts.GetValueOrDefault(id);

    public Task<bool> CreateAsync(AlertDefinition alert, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        if (_alerts.ContainsKey(alert.Id)) return false;
        _alerts[alert.Id] = new Entry(alert) { DueAt = alert.SendAt };
        return true;
    }));

    public Task<AlertDefinition?> GetDefinitionAsync(string alertId, CancellationToken cancellationToken) =>
        Task.FromResult(Locked(() => Find(alertId)?.Definition));

    public Task<IReadOnlyList<string>> ListAsync(string commune, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Locked(() => _alerts.Values
            .Where(e => string.Equals(e.Definition.Commune, commune, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.Definition.CreatedAt).ThenByDescending(e => e.Definition.Id, StringComparer.Ordinal)
            .Take(max).Select(e => e.Definition.Id).ToList()));

    public Task<AlertProgress?> GetProgressAsync(string alertId, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
        Find(alertId) is { } e ? new AlertProgress(e.Status, e.Cursor, e.Batches, e.Dispatched, e.Done.Count, e.HeldUntil, e.CompletedAt, e.Published) : null));

    public Task<AlertCounts> GetCountsAsync(string alertId, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
        AlertCounts.From(Find(alertId)?.Counts ?? new Dictionary<string, long>())));

    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Locked(() => _alerts.Values
            .Where(e => e.DueAt is { } due && due <= now)
            .OrderBy(e => e.DueAt).Take(max).Select(e => e.Definition.Id).ToList()));

    public Task UnscheduleAsync(string alertId, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (Find(alertId) is { } e) e.DueAt = null;
        return Task.CompletedTask;
    }

    public Task ScheduleAsync(string alertId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (Find(alertId) is { } e) e.DueAt ??= at;
        return Task.CompletedTask;
    }

    public Task<bool> TryLeaseAsync(string alertId, string owner, TimeSpan duration, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        if (Find(alertId) is not { } e) return false;
        // Leases run on real time, like Redis key expiry: a dead dispatcher is replaced whatever the gateway clock says.
        var now = DateTimeOffset.UtcNow;
        if (e.Lease is { } lease && lease.Owner != owner && lease.Until > now) return false;
        e.Lease = (owner, now + duration);
        return true;
    }));

    public Task ReleaseLeaseAsync(string alertId, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (Find(alertId) is { Lease: { } lease } e && lease.Owner == owner) e.Lease = null;
        return Task.CompletedTask;
    }

    public Task<string?> StartSendingAsync(string alertId, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        if (Find(alertId) is not { } e) return null;
        if (e.Status is AlertStatus.Scheduled or AlertStatus.Paused)
        {
            e.Status = AlertStatus.Sending;
            e.HeldUntil = null;
        }
        return (string?)e.Status;
    }));

    public Task HoldAsync(string alertId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(alertId) is not { } e || AlertStatus.IsFinal(e.Status)) return Task.CompletedTask;
            if (e.Status == AlertStatus.Sending) e.Status = AlertStatus.Paused;
            e.HeldUntil = until;
            e.DueAt = until;
        }
        return Task.CompletedTask;
    }

    public Task HoldBatchAsync(string alertId, SendAlertBatch batch, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(alertId) is not { } e || AlertStatus.IsFinal(e.Status)) return Task.CompletedTask;
            e.Held.Add(batch);
            if (e.Status == AlertStatus.Sending) e.Status = AlertStatus.Paused;
            e.HeldUntil = until;
            e.DueAt = until;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SendAlertBatch>> TakeHeldBatchesAsync(string alertId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SendAlertBatch>>(Locked(() =>
        {
            if (Find(alertId) is not { } e) return new List<SendAlertBatch>();
            var held = e.Held.ToList();
            e.Held.Clear();
            return held;
        }));

    public Task<bool> SaveDispatchAsync(string alertId, string cursor, long batches, bool dispatched, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Locked(() =>
        {
            if (Find(alertId) is not { } e) return false;
            e.Cursor = cursor;
            e.Batches = batches;
            if (!dispatched) return false;
            e.Dispatched = true;
            if (e.Status == AlertStatus.Sending) e.DueAt = null; // a paused alert stays due: its held batches wait
            if (AlertStatus.IsFinal(e.Status)) e.DueAt = null;
            return TryFinish(e, now);
        }));

    public Task<bool> CompleteBatchAsync(string alertId, long batch, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
        Find(alertId) is { } e && e.Done.Add(batch) && TryFinish(e, now)));

    private static bool TryFinish(Entry e, DateTimeOffset now)
    {
        if (e.Status != AlertStatus.Sending || !e.Dispatched || e.Done.Count < e.Batches || e.Held.Count > 0) return false;
        e.Status = AlertStatus.Done;
        e.CompletedAt = now;
        e.DueAt = null;
        return true;
    }

    public Task<bool> CancelAsync(string alertId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        if (Find(alertId) is not { } e || AlertStatus.IsFinal(e.Status)) return false;
        e.Status = AlertStatus.Cancelled;
        e.CompletedAt = now;
        e.DueAt = null;
        e.Held.Clear();
        return true;
    }));

    public Task<bool> ClaimAsync(string alertId, string contactId, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        if (Find(alertId) is not { } e || !e.Claimed.Add(contactId)) return false;
        e.Counts[AlertCounters.Targeted] = e.Counts.GetValueOrDefault(AlertCounters.Targeted) + 1;
        return true;
    }));

    public Task ReleaseAsync(string alertId, string contactId, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (Find(alertId) is { } e && e.Claimed.Remove(contactId))
                e.Counts[AlertCounters.Targeted] = e.Counts.GetValueOrDefault(AlertCounters.Targeted) - 1;
        return Task.CompletedTask;
    }

    public Task CountAsync(string alertId, IReadOnlyList<(string Field, long Delta)> deltas, CancellationToken cancellationToken)
    {
        lock (_gate)
            if (Find(alertId) is { } e)
                foreach (var (field, delta) in deltas) e.Counts[field] = e.Counts.GetValueOrDefault(field) + delta;
        return Task.CompletedTask;
    }

    public Task<string?> StatusAsync(string alertId, CancellationToken cancellationToken) => Task.FromResult(Locked(() => Find(alertId)?.Status));

    public Task<bool> MarkCompletionPublishedAsync(string alertId, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        if (Find(alertId) is not { } e || e.Published) return false;
        e.Published = true;
        return true;
    }));

    public Task MapMessageAsync(string provider, string messageId, string alertId, TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_gate) _messages[provider + "\n" + messageId] = (alertId, false, clock.GetUtcNow() + ttl);
        return Task.CompletedTask;
    }

    public Task<string?> ApplyDeliveryAsync(string provider, string messageId, string field, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        var key = provider + "\n" + messageId;
        if (!_messages.TryGetValue(key, out var m) || m.Final || m.ExpiresAt <= clock.GetUtcNow()) return null;
        _messages[key] = m with { Final = true };
        if (Find(m.AlertId) is { } e)
        {
            e.Counts[AlertCounters.Sent] = e.Counts.GetValueOrDefault(AlertCounters.Sent) - 1;
            e.Counts[field] = e.Counts.GetValueOrDefault(field) + 1;
        }
        return (string?)m.AlertId;
    }));

    public Task ForgetContactAsync(string contactId, CancellationToken cancellationToken)
    {
        Locked(() =>
        {
            foreach (var entry in _alerts.Values) entry.Claimed.Remove(contactId);
            foreach (var key in _daily.Keys.Where(k => k.StartsWith(contactId + ":", StringComparison.Ordinal)).ToList()) _daily.Remove(key);
            return true;
        });
        return Task.CompletedTask;
    }

    public Task<bool> TryTakeDailyAsync(string contactId, string day, int cap, CancellationToken cancellationToken) => Task.FromResult(Locked(() =>
    {
        var key = contactId + ":" + day;
        var used = _daily.GetValueOrDefault(key);
        if (used >= cap) return false;
        _daily[key] = used + 1;
        return true;
    }));
}
