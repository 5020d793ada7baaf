using Gateway.Communes;
using Microsoft.AspNetCore.Identity;
using StackExchange.Redis;

namespace Gateway.Admin.Accounts;

public enum SignInResult
{
    /// <summary>Password right, account enabled: open a session.</summary>
    Accepted,

    /// <summary>Password right, but it was given by someone else: a new one first, no session yet.</summary>
    MustChangePassword,

    /// <summary>Unknown login or wrong password (the same answer for both).</summary>
    Refused,

    /// <summary>Password right, account disabled.</summary>
    Disabled,

    /// <summary>Too many failures from this address: try again after <see cref="SignInOutcome.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>The accounts' store does not answer.</summary>
    Unavailable,
}

public sealed record SignInOutcome(SignInResult Result, StaffAccount? Account = null, TimeSpan RetryAfter = default);

/// <summary>A field of a form and the code of its problem (<see cref="PasswordRules"/>, <c>account.*</c>).</summary>
public sealed record AccountProblem(string Field, string Code);

/// <summary>What an administrator asks for in a new account; <see cref="Password"/> null: one is made and shown once.</summary>
public sealed record AccountDraft(string? Login, string? DisplayName, string? Role, string? Commune, string? Password = null);

/// <param name="Password">The password to hand over, when the gateway made it (shown once, never stored in clear).</param>
public sealed record AccountOutcome(StaffAccount? Account, string? Password, IReadOnlyList<AccountProblem> Problems)
{
    public static AccountOutcome Failed(string field, string code) => new(null, null, [new AccountProblem(field, code)]);
}

/// <summary>
/// Staff accounts' rules in one place, for the console, the API and the command line: creating, signing in (throttled),
/// changing and resetting a password, disabling. Audit entries are written by the surface that acted (it knows who).
/// </summary>
public sealed class StaffAccountDesk(IStaffAccounts store, SignInThrottle throttle, CommuneRegistry communes, TimeProvider clock)
{
    public const string CredentialPrefix = "account:";

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    // Verified when the login is unknown, so that an unknown login takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy-password-never-used");

    public static string HashPassword(StaffAccount? account, string password) => Hasher.HashPassword(account!, password);

    /// <summary>The caller an account signs in as: the same role and commune claims as a key, named after the person.</summary>
    public static AdminCaller CallerOf(StaffAccount account)
    {
        AdminKeys.TryParseRole(account.Role, out var role);
        return new AdminCaller(account.DisplayName, account.Commune)
        {
            Role = role ?? AdminRole.Observer,
            Person = account.Login,
            Credential = CredentialPrefix + account.Login + ":" + account.Stamp,
        };
    }

    /// <summary>The caller of a session's credential as the account stands now; null when disabled, reset since, or gone. Throws what the store throws.</summary>
    public async Task<AdminCaller?> CallerAsync(string credential, CancellationToken cancellationToken)
    {
        if (!credential.StartsWith(CredentialPrefix, StringComparison.Ordinal)) return null;
        var rest = credential[CredentialPrefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || await store.FindAsync(rest[..colon], cancellationToken) is not { Disabled: false } account) return null;
        return account.Stamp == rest[(colon + 1)..] ? CallerOf(account) : null;
    }

    public async Task<SignInOutcome> VerifyAsync(string? login, string? password, string address, CancellationToken cancellationToken)
    {
        login = login?.Trim() ?? "";
        try
        {
            if (await throttle.RefusedForAsync(login, address, cancellationToken) is { } wait) return new SignInOutcome(SignInResult.Throttled, RetryAfter: wait);
            var account = login.Length == 0 ? null : await store.FindAsync(login, cancellationToken);
            var verdict = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DecoyHash, password ?? "");
            if (account is null || verdict == PasswordVerificationResult.Failed)
            {
                await throttle.CountFailureAsync(login, address, cancellationToken);
                return new SignInOutcome(SignInResult.Refused);
            }
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
                await store.TryReplaceAsync(account with { PasswordHash = Hasher.HashPassword(account, password!) }, account.Version, cancellationToken);
            if (account.Disabled) return new SignInOutcome(SignInResult.Disabled, account);
            return new SignInOutcome(account.MustChangePassword ? SignInResult.MustChangePassword : SignInResult.Accepted, account);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new SignInOutcome(SignInResult.Unavailable);
        }
    }

    /// <summary>The person's own change: the current password proves who they are (throttled like a sign-in); the new one must pass the rules.</summary>
    public async Task<(SignInOutcome Check, AccountOutcome? Change)> ChangePasswordAsync(string? login, string? current, string? next, string? repeat,
        string address, CancellationToken cancellationToken)
    {
        var check = await VerifyAsync(login, current, address, cancellationToken);
        if (check.Result is not (SignInResult.Accepted or SignInResult.MustChangePassword) || check.Account is not { } account) return (check, null);
        if (PasswordRules.Problem(next, account.Login) is { } problem) return (check, AccountOutcome.Failed("next", problem));
        if (next != repeat) return (check, AccountOutcome.Failed("repeat", PasswordRules.Mismatch));
        if (next == current) return (check, AccountOutcome.Failed("next", PasswordRules.Unchanged));
        var changed = await UpdateAsync(account.Login, a => a with
        {
            PasswordHash = Hasher.HashPassword(a, next!), MustChangePassword = false, Stamp = NewStamp(), UpdatedBy = a.Login,
        }, cancellationToken);
        return (check with { Account = changed }, new AccountOutcome(changed, null, changed is null ? [new AccountProblem("login", "account.missing")] : []));
    }

    public async Task<AccountOutcome> CreateAsync(AccountDraft draft, string actor, CancellationToken cancellationToken)
    {
        List<AccountProblem> problems = [];
        var login = draft.Login?.Trim().ToLowerInvariant() ?? "";
        if (!PasswordRules.IsLogin(login)) problems.Add(new("login", "account.login"));
        var display = draft.DisplayName?.Trim() ?? "";
        if (display.Length is 0 or > 80) problems.Add(new("displayName", "account.display"));
        var commune = string.IsNullOrWhiteSpace(draft.Commune) ? null : communes.Find(draft.Commune.Trim())?.Id;
        if (!string.IsNullOrWhiteSpace(draft.Commune) && commune is null) problems.Add(new("commune", "account.commune"));
        if (!AdminKeys.TryParseRole(draft.Role, out var role) || role is not { } parsed) problems.Add(new("role", "account.role"));
        else if (parsed == AdminRole.Programme && commune is not null) problems.Add(new("commune", "account.programme-commune"));
        else if (parsed == AdminRole.Staff && commune is null && string.IsNullOrWhiteSpace(draft.Commune)) problems.Add(new("commune", "account.staff-commune"));
        var password = string.IsNullOrEmpty(draft.Password) ? PasswordRules.NewTemporary() : draft.Password;
        if (PasswordRules.Problem(password, login) is { } weak) problems.Add(new("password", weak));
        if (problems.Count > 0) return new AccountOutcome(null, null, problems);

        var now = clock.GetUtcNow();
        var account = new StaffAccount(login, display, commune, RoleText(role!.Value), "")
        {
            MustChangePassword = true, Stamp = NewStamp(), CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor,
        };
        account = account with { PasswordHash = Hasher.HashPassword(account, password) };
        if (!await store.TryAddAsync(account, cancellationToken)) return AccountOutcome.Failed("login", "account.taken");
        return new AccountOutcome(account, string.IsNullOrEmpty(draft.Password) ? password : null, []);
    }

    /// <summary>Disables or enables; a disabled account's sessions end at their next request.</summary>
    public Task<StaffAccount?> SetDisabledAsync(string login, bool disabled, string actor, CancellationToken cancellationToken) =>
        UpdateAsync(login, a => a with { Disabled = disabled, UpdatedBy = actor }, cancellationToken);

    /// <summary>A new temporary password (to hand over; changed at the next sign-in); the person's sessions end.</summary>
    public async Task<AccountOutcome> ResetPasswordAsync(string login, string actor, CancellationToken cancellationToken)
    {
        var password = PasswordRules.NewTemporary();
        var account = await UpdateAsync(login, a => a with
        {
            PasswordHash = Hasher.HashPassword(a, password), MustChangePassword = true, Stamp = NewStamp(), UpdatedBy = actor,
        }, cancellationToken);
        return account is null ? AccountOutcome.Failed("login", "account.missing") : new AccountOutcome(account, password, []);
    }

    public Task<StaffAccount?> FindAsync(string login, CancellationToken cancellationToken) => store.FindAsync(login, cancellationToken);

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken)).OrderBy(a => a.Login, StringComparer.Ordinal)];

    /// <summary>Writes the initial account unless its login exists (start-up, <see cref="AccountsOptions.Initial"/>).</summary>
    public Task<bool> SeedAsync(StaffAccount account, CancellationToken cancellationToken) => store.TryAddAsync(account, cancellationToken);

    /// <summary>Compare-and-set, retried: a concurrent change is read again and the change applied on top of it.</summary>
    private async Task<StaffAccount?> UpdateAsync(string login, Func<StaffAccount, StaffAccount> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await store.FindAsync(login, cancellationToken) is not { } account) return null;
            var changed = change(account) with { UpdatedAt = clock.GetUtcNow() };
            if (await store.TryReplaceAsync(changed, account.Version, cancellationToken)) return changed with { Version = account.Version + 1 };
        }
        throw new InvalidOperationException($"The account '{login}' kept changing while it was being updated.");
    }

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    private static string RoleText(AdminRole role) => role.ToString().ToLowerInvariant();
}
