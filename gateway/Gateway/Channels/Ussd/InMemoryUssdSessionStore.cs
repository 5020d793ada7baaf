using System.Collections.Concurrent;

namespace Gateway.Channels.Ussd;

/// <summary>The embedded default: sessions in process memory, expired by the host's clock.</summary>
public sealed class InMemoryUssdSessionStore(TimeProvider clock) : IUssdSessionStore
{
    private readonly ConcurrentDictionary<string, (UssdSessionState State, DateTimeOffset ExpiresAt)> _sessions = new(StringComparer.Ordinal);
    private int _writes;

    public Task<UssdSessionState?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var entry))
        {
            if (entry.ExpiresAt > clock.GetUtcNow()) return Task.FromResult<UssdSessionState?>(entry.State);
            _sessions.TryRemove(KeyValuePair.Create(sessionId, entry));
        }
        return Task.FromResult<UssdSessionState?>(null);
    }

    public Task SetAsync(string sessionId, UssdSessionState state, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        _sessions[sessionId] = (state, now + ttl);
        // Abandoned sessions are never read again: sweep now and then so memory stays bounded.
        if (Interlocked.Increment(ref _writes) % 1024 == 0)
            foreach (var (key, entry) in _sessions)
                if (entry.ExpiresAt <= now) _sessions.TryRemove(KeyValuePair.Create(key, entry));
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string sessionId, CancellationToken cancellationToken)
    {
        _sessions.TryRemove(sessionId, out _);
        return Task.CompletedTask;
    }
}
