namespace Gateway.Admin.Accounts;

/// <summary>
/// Where staff accounts and the sign-in failure counts live: Redis when there is one (every replica sees the same
/// accounts and the same counts), else this process's memory (lost at restart: the README says how the first account
/// comes back). Registered through the storage seam (Storage/StorageExtensions).
/// </summary>
public interface IStaffAccounts
{
    /// <summary>The account of that login (any case), or null.</summary>
    Task<StaffAccount?> FindAsync(string login, CancellationToken cancellationToken);

    /// <summary>Every account, in no particular order.</summary>
    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the account unless its login is taken; false when it is.</summary>
    Task<bool> TryAddAsync(StaffAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored account when its version is still <paramref name="expectedVersion"/> (the new one carries
    /// <c>expectedVersion + 1</c>); false when it changed meanwhile or is gone.
    /// </summary>
    Task<bool> TryReplaceAsync(StaffAccount account, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Counts one failure of <paramref name="subject"/> in the fixed window <paramref name="window"/> (its number); returns the window's count.</summary>
    Task<long> CountFailureAsync(string subject, long window, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>The failures of <paramref name="subject"/> counted in window <paramref name="window"/> so far.</summary>
    Task<long> FailuresAsync(string subject, long window, CancellationToken cancellationToken);
}
