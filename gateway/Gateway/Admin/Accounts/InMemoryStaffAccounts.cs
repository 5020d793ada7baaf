using System.Collections.Concurrent;

namespace Gateway.Admin.Accounts;

/// <summary>The embedded default's accounts and failure counts: this process only, forgotten at restart.</summary>
public sealed class InMemoryStaffAccounts(TimeProvider clock) : IStaffAccounts
{
    private readonly ConcurrentDictionary<string, StaffAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Subject, long Window), (long Count, DateTimeOffset Until)> _failures = new();

    public Task<StaffAccount?> FindAsync(string login, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.GetValueOrDefault(StaffAccount.Normalize(login)));

    public Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaffAccount>>([.. _accounts.Values]);

    public Task<bool> TryAddAsync(StaffAccount account, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryAdd(StaffAccount.Normalize(account.Login), account));

    public Task<bool> TryReplaceAsync(StaffAccount account, long expectedVersion, CancellationToken cancellationToken)
    {
        var key = StaffAccount.Normalize(account.Login);
        return Task.FromResult(_accounts.TryGetValue(key, out var stored) && stored.Version == expectedVersion
            && _accounts.TryUpdate(key, account with { Version = expectedVersion + 1 }, stored));
    }

    public Task<long> CountFailureAsync(string subject, long window, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Bounded memory: counts of ended windows go as new ones come (as Redis's TTL drops them).
        if (_failures.Count > 1000)
            foreach (var (key, value) in _failures)
                if (value.Until <= now) _failures.TryRemove(key, out _);
        var count = _failures.AddOrUpdate((subject, window), _ => (1, now + ttl), (_, old) => (old.Count + 1, old.Until));
        return Task.FromResult(count.Count);
    }

    public Task<long> FailuresAsync(string subject, long window, CancellationToken cancellationToken) =>
        Task.FromResult(_failures.TryGetValue((subject, window), out var count) && count.Until > clock.GetUtcNow() ? count.Count : 0L);
}
