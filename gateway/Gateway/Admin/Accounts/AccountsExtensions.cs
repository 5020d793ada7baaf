using Gateway.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Admin.Accounts;

/// <summary>Staff accounts: their rules, the throttle and the initial accounts (the store is registered with the others, in Storage).</summary>
public static class AccountsExtensions
{
    public static WebApplicationBuilder AddStaffAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AccountsOptions>(AccountsOptions.Section);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<StaffAccountDesk>();
        builder.Services.AddHostedService<InitialAccounts>();
        return builder;
    }
}

/// <summary>
/// Writes <see cref="AccountsOptions.Initial"/> into the store at start when their login is missing, never over an
/// account that exists (a changed password or a disabled account stays as it is). How the embedded default gets its first
/// administrator; with Redis, <c>accounts create</c> writes there directly.
/// </summary>
public sealed class InitialAccounts(StaffAccountDesk desk, IOptions<AccountsOptions> options, TimeProvider clock, ILogger<InitialAccounts> logger)
    : IHostedService
{
    public const string Actor = "configuration (Accounts:Initial)";

    /// <summary>The password of appsettings.Development.json's account <c>admin</c>, published in the README.</summary>
    public const string DevelopmentPassword = "development-password";

    /// <summary>What makes the initial accounts unsafe outside Development and Testing (see Hosting/ProductionSafety).</summary>
    public static IEnumerable<string> UnsafeSettings(IConfiguration configuration)
    {
        var initial = configuration.GetSection("Accounts:Initial").Get<List<InitialAccount>>() ?? [];
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<StaffAccount>();
        for (var i = 0; i < initial.Count; i++)
        {
            if (initial[i].PasswordHash.Length == 0) continue;
            if (Verdict(hasher, initial[i].PasswordHash) is not { } verdict)
            {
                yield return $"Accounts:Initial:{i}:PasswordHash is not a hash made by `accounts create`.";
                continue;
            }
            var published = verdict != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed;
            if (published) yield return $"Accounts:Initial:{i}:PasswordHash is the hash of the published development password: create the account with `accounts create`.";
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var initial in options.Value.Initial)
        {
            if (!PasswordRules.IsLogin(initial.Login) || initial.PasswordHash.Length == 0)
            {
                logger.LogWarning("Accounts:Initial entry '{Login}' skipped: it needs a valid Login and a PasswordHash (accounts create prints both)", initial.Login);
                continue;
            }
            AdminKeys.TryParseRole(initial.Role, out var role);
            var commune = string.IsNullOrWhiteSpace(initial.Commune) ? null : initial.Commune.Trim();
            // As for keys: the programme role is the whole programme's, so a commune's account asking for it is its staff.
            var effective = role ?? (commune is null ? AdminRole.Programme : AdminRole.Staff);
            if (effective == AdminRole.Programme && commune is not null) effective = AdminRole.Staff;
            var account = new StaffAccount(initial.Login, initial.DisplayName.Length > 0 ? initial.DisplayName : initial.Login, commune,
                effective.ToString().ToLowerInvariant(), initial.PasswordHash)
            {
                MustChangePassword = initial.MustChangePassword, Stamp = "initial", CreatedAt = now, CreatedBy = Actor, UpdatedAt = now, UpdatedBy = Actor,
            };
            try
            {
                await desk.SeedAsync(account, cancellationToken);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Initial account '{Login}' not written: the accounts' store does not answer", initial.Login);
            }
        }
    }

    private static Microsoft.AspNetCore.Identity.PasswordVerificationResult? Verdict(
        Microsoft.AspNetCore.Identity.PasswordHasher<StaffAccount> hasher, string hash)
    {
        try
        {
            return hasher.VerifyHashedPassword(null!, hash, DevelopmentPassword);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
