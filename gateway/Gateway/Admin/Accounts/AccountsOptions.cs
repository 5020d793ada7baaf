using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Admin.Accounts;

/// <summary>
/// Section <c>Accounts</c>: how sign-in failures are throttled, and the accounts written into the store at start when
/// their login is not there yet (<see cref="Initial"/>: the first administrator of the embedded default, the development
/// account). Failures are counted in fixed windows, in the store (shared by every replica).
/// </summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>The window failures are counted in.</summary>
    [Duration("00:01:00", "1.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failures of one account from one address in a window before that address may no longer try that account until the
    /// window ends. Counted per account and address, so nobody elsewhere can lock the person out.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failures from one address (any account) in a window before that address may no longer try any.</summary>
    [Range(1, 100000)]
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>Accounts added at start when missing (never overwritten): <c>Accounts:Initial:0:Login</c>, …</summary>
    public List<InitialAccount> Initial { get; set; } = [];
}

/// <summary>An account written at start when its login is missing; <c>accounts create</c> prints these settings without Redis.</summary>
public sealed class InitialAccount
{
    public string Login { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Commune { get; set; }
    public string? Role { get; set; }

    /// <summary>The hash <c>accounts create</c> printed (ASP.NET Core's PasswordHasher format), never a password.</summary>
    public string PasswordHash { get; set; } = "";

    public bool MustChangePassword { get; set; } = true;
}
