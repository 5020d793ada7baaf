using Microsoft.Extensions.Options;

namespace Gateway.Admin.Accounts;

/// <summary>
/// Sign-in failures counted in fixed windows in the shared store, per account and address (a person's own desk is
/// never blocked by someone guessing from elsewhere) and per address (one machine guessing many accounts). Over either
/// count, that address is refused for that account (or any) until the window ends; nothing is ever locked for good, and
/// no one can lock an account they do not sit at.
/// </summary>
public sealed class SignInThrottle(IStaffAccounts store, IOptions<AccountsOptions> options, TimeProvider clock)
{
    /// <summary>How long until <paramref name="address"/> may try <paramref name="login"/> again; null when it may now.</summary>
    public async Task<TimeSpan?> RefusedForAsync(string login, string address, CancellationToken cancellationToken)
    {
        var (window, left) = Window();
        var o = options.Value;
        if (await store.FailuresAsync(PairSubject(login, address), window, cancellationToken) >= o.MaxFailuresPerAccount) return left;
        if (await store.FailuresAsync(AddressSubject(address), window, cancellationToken) >= o.MaxFailuresPerAddress) return left;
        return null;
    }

    public async Task CountFailureAsync(string login, string address, CancellationToken cancellationToken)
    {
        var (window, _) = Window();
        var ttl = options.Value.FailureWindow;
        await store.CountFailureAsync(PairSubject(login, address), window, ttl, cancellationToken);
        await store.CountFailureAsync(AddressSubject(address), window, ttl, cancellationToken);
    }

    private (long Window, TimeSpan Left) Window()
    {
        var size = (long)options.Value.FailureWindow.TotalSeconds;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var window = now / size;
        return (window, TimeSpan.FromSeconds((window + 1) * size - now));
    }

    private static string PairSubject(string login, string address) => "a:" + StaffAccount.Normalize(login) + "@" + address;

    private static string AddressSubject(string address) => "ip:" + address;
}
