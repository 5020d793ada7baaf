namespace Gateway.Admin.Stored;

/// <summary>
/// Stored admin keys in process memory: the same semantics as <see cref="RedisAdminKeyStore"/> for one process (tests,
/// an embedded host adding keys itself). The gateway without Redis uses no store: <c>keys create</c> then prints settings.
/// </summary>
public sealed class InMemoryAdminKeyStore : IAdminKeyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredAdminKey> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, KeyRevocation> _revoked = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every call fails as Redis does when it is down (tests of the fail-closed path).</summary>
    public bool Down { get; set; }

    public Task<AdminKeyStoreSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate) return Task.FromResult(new AdminKeyStoreSnapshot([.. _keys.Values], [.. _revoked.Values]));
    }

    public Task<bool> TryAddAsync(StoredAdminKey key, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate) return Task.FromResult(_keys.TryAdd(key.Name, key));
    }

    public Task<StoredAdminKey?> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate) return Task.FromResult(_keys.Remove(name, out var removed) ? removed : null);
    }

    public Task RevokeAsync(KeyRevocation revocation, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (_gate) _revoked[revocation.Hash] = revocation;
        return Task.CompletedTask;
    }

    private void ThrowIfDown()
    {
        if (Down) throw new StackExchange.Redis.RedisConnectionException(StackExchange.Redis.ConnectionFailureType.UnableToConnect, "The admin key store is down (test).");
    }
}
