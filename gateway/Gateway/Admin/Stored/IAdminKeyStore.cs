namespace Gateway.Admin.Stored;

/// <summary>
/// Admin keys kept in the shared store (Redis), so that <c>keys create</c> and <c>keys revoke</c> take effect on every
/// replica within seconds, without a deployment. Only hashes are stored, never a key in clear.
/// </summary>
public interface IAdminKeyStore
{
    /// <summary>Every stored key and every revoked configuration key hash (one read).</summary>
    Task<AdminKeyStoreSnapshot> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Stores the key unless a stored key has that name already (names identify keys in the audit log).</summary>
    Task<bool> TryAddAsync(StoredAdminKey key, CancellationToken cancellationToken);

    /// <summary>Removes the stored key of that name; returns it, or null when none is stored under that name.</summary>
    Task<StoredAdminKey?> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds a configuration key's hash to the revocation list: that key stops working though its settings remain.</summary>
    Task RevokeAsync(KeyRevocation revocation, CancellationToken cancellationToken);
}

/// <param name="Hash"><see cref="AdminKeys.HashPrefix"/> + the lowercase hex SHA-256 of the key (as in configuration).</param>
/// <param name="Commune">Null for the whole programme.</param>
/// <param name="Role">programme, staff or observer.</param>
public sealed record StoredAdminKey(string Name, string Hash, string? Commune, string Role, DateTimeOffset CreatedAt);

/// <param name="Hash">As in <see cref="StoredAdminKey.Hash"/>: the revoked configuration key's hash.</param>
/// <param name="Name">The name the key had in configuration (for <c>keys list</c>).</param>
public sealed record KeyRevocation(string Hash, string Name, DateTimeOffset RevokedAt);

public sealed record AdminKeyStoreSnapshot(IReadOnlyList<StoredAdminKey> Keys, IReadOnlyList<KeyRevocation> Revoked)
{
    public static readonly AdminKeyStoreSnapshot Empty = new([], []);
}
