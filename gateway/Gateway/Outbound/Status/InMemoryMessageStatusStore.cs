
namespace Gateway.Outbound.Status;

/// <summary>
/// Process-local status store for the embedded default and tests. Bounded: the oldest entries are
/// forgotten first, so a long-running instance sending alerts does not grow without limit.
/// </summary>
public sealed class InMemoryMessageStatusStore(TimeProvider clock) : IMessageStatusStore
{
    public const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), MessageStatusEntry> _entries = [];
    private readonly Queue<(string, string)> _insertionOrder = new();

    public Task RecordSentAsync(string provider, string messageId, string status, string? reference, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = Key(provider, messageId);
            if (_entries.TryGetValue(key, out var existing))
            {
                // A fast callback may have arrived before the sender recorded the send: keep its status.
                _entries[key] = existing with { Reference = reference ?? existing.Reference };
            }
            else
            {
                Add(key, new MessageStatusEntry(provider, messageId, status, null, reference, clock.GetUtcNow()));
            }
        }
        return Task.CompletedTask;
    }

    public Task<MessageStatusEntry> UpdateAsync(string provider, string messageId, string status, string? errorCode, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = Key(provider, messageId);
            if (!_entries.TryGetValue(key, out var entry))
            {
                entry = new MessageStatusEntry(provider, messageId, status, errorCode, null, at);
                Add(key, entry);
            }
            else if (MessageStatusRank.Advances(entry.Status, status))
            {
                entry = entry with { Status = status, ErrorCode = errorCode ?? entry.ErrorCode, UpdatedAt = at };
                _entries[key] = entry;
            }
            return Task.FromResult(entry);
        }
    }

    public Task<MessageStatusEntry?> GetAsync(string provider, string messageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault(Key(provider, messageId)));
        }
    }

    private void Add((string, string) key, MessageStatusEntry entry)
    {
        _entries[key] = entry;
        _insertionOrder.Enqueue(key);
        while (_entries.Count > Capacity && _insertionOrder.TryDequeue(out var oldest)) _entries.Remove(oldest);
    }

    private static (string, string) Key(string provider, string messageId) => (provider.ToLowerInvariant(), messageId);
}
