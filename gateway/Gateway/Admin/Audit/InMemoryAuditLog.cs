namespace Gateway.Admin.Audit;

/// <summary>The embedded default's audit log: the newest <see cref="Capacity"/> entries of this process.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    public const int Capacity = 10_000;

    private readonly LinkedList<AuditEntry> _entries = new();

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries.AddFirst(entry);
            if (_entries.Count > Capacity) _entries.RemoveLast();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(int max, CancellationToken cancellationToken)
    {
        lock (_entries) return Task.FromResult<IReadOnlyList<AuditEntry>>([.. _entries.Take(max)]);
    }
}
