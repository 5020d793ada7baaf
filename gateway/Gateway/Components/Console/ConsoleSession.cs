using System.Security.Claims;
using Gateway.Admin;
using Gateway.Admin.Access;
using Gateway.Admin.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Components.Console;

/// <summary>
/// The console's sign-in, on ASP.NET Core's cookie authentication: the HttpOnly, SameSite=Strict cookie (Secure over https)
/// holds a session id, and the session (<see cref="ConsoleSessionStore"/>) holds the caller's claims and the credential that
/// signed in (a key's hash or a staff account's login and stamp), never a key or a password. On every request the credential
/// is asked again (<see cref="ValidateAsync"/>): a revoked key, a disabled account or a reset password ends its sessions at
/// once, a changed role applies at once, and a store that cannot be read gives a 503 without signing the clerk out. A
/// session ends after <see cref="ConsoleSessionOptions.IdleTimeout"/> idle or <see cref="ConsoleSessionOptions.Lifetime"/>
/// after signing in. Keys sign in to the console only in Development and Testing (<see cref="KeysAllowed"/>): in
/// Production the console is for named accounts; keys stay for the API and systems.
/// </summary>
public sealed class ConsoleSession(AdminKeys keys, StaffAccountDesk accounts, ConsoleSessionStore sessions, TimeProvider clock,
    IHostApplicationLifetime stopping, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<ConsoleSessionOptions> options)
{
    public const string Scheme = "ConsoleSession";
    public const string CookieName = "gw_console";
    public const string LanguageCookie = "gw_console_lang";
    public const string CookiePath = "/console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>The cookie handler adds this claim to a session's principal: the session's id in the store.</summary>
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    /// <summary>When the session was opened (kept across sliding renewals, which reset the ticket's own issue time).</summary>
    private const string SignedInAt = "gw.signedin";

    /// <summary>Whether a machine key may sign in to the console: in Development and Testing only.</summary>
    public bool KeysAllowed => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.Path = CookiePath;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.IsEssential = true;
        o.ExpireTimeSpan = Lifetime;
        o.SlidingExpiration = true;
    }

    /// <summary>Signs in with <paramref name="key"/> when it is known and keys may sign in here (a session is opened); otherwise what the lookup found.</summary>
    public async Task<KeyLookup> SignInAsync(HttpContext http, string? key)
    {
        if (!KeysAllowed) return default;
        var lookup = keys.Lookup(key?.Trim());
        if (lookup.Caller is { } caller) await OpenAsync(http, caller);
        return lookup;
    }

    /// <summary>Opens a session for an account whose password was just verified.</summary>
    public Task SignInAsync(HttpContext http, StaffAccount account) => OpenAsync(http, StaffAccountDesk.CallerOf(account));

    private Task OpenAsync(HttpContext http, AdminCaller caller)
    {
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[SignedInAt] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return http.SignInAsync(Scheme, CallerClaims.Principal(caller, Scheme), properties);
    }

    /// <summary>Whether the session's absolute lifetime (<see cref="ConsoleSessionOptions.Lifetime"/>) has passed.</summary>
    private bool PastLifetime(AuthenticationProperties properties) =>
        !properties.Items.TryGetValue(SignedInAt, out var text) || !long.TryParse(text, out var seconds)
        || DateTimeOffset.FromUnixTimeSeconds(seconds) + options.Value.Lifetime <= clock.GetUtcNow();

    /// <summary>The caller a credential stands for now: a key's, or a staff account's (the store read; throws what it throws).</summary>
    private async Task<KeyLookup> LookupAsync(string? credential) =>
        credential is { } c && c.StartsWith(StaffAccountDesk.CredentialPrefix, StringComparison.Ordinal)
            ? new KeyLookup(await accounts.CallerAsync(c, CancellationToken.None), false)
            : KeysAllowed ? keys.LookupCredential(credential) : default;

    /// <summary>Ends the session in the store and deletes the cookie.</summary>
    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Every request: the credential still stands (claims refreshed), cannot be checked (503), or is gone (signed out).</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (PastLifetime(context.Properties))
        {
            context.RejectPrincipal();
            await SignOutAsync(context.HttpContext);
            return;
        }
        KeyLookup lookup;
        try
        {
            lookup = await LookupAsync(context.Principal?.FindFirstValue(CallerClaims.Credential));
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            lookup = new KeyLookup(null, true);
        }
        if (lookup.StoreUnavailable)
        {
            AccessFailure.Set(context.HttpContext, AccessFailureKind.StoreUnavailable,
                "Your sign-in cannot be checked just now: the store of keys and accounts does not answer.");
            context.RejectPrincipal();
            return;
        }
        if (lookup.Caller is not { } caller)
        {
            context.RejectPrincipal();
            await SignOutAsync(context.HttpContext);
            return;
        }
        var session = context.Principal?.FindFirst(SessionIdClaim);
        context.ReplacePrincipal(CallerClaims.Principal(caller, Scheme, session is null ? null : [new Claim(SessionIdClaim, session.Value)]));
    }

    /// <summary>For a long-lived response (a live stream): whether the request's session and its credential still stand now.</summary>
    public async Task<bool> StillValidAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(SessionIdClaim) is not { } id || await sessions.RetrieveAsync(id) is not { } ticket || PastLifetime(ticket.Properties)) return false;
        try
        {
            return (await LookupAsync(user.FindFirstValue(CallerClaims.Credential))).Caller is not null;
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// A token for a long-lived response (a live stream) that ends with the request or the gateway's stop, or as soon as its
    /// session or credential stops standing (signed out, expired, key revoked), checked as often as the key store is read.
    /// </summary>
    public CancellationToken WhileValid(HttpContext http)
    {
        // The gateway stopping ends it too: an open chart must not hold the server's drain until the shutdown timeout.
        var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping.ApplicationStopping);
        http.Response.RegisterForDispose(ended);
        var user = http.User;
        _ = Task.Run(async () =>
        {
            try
            {
                using var timer = new PeriodicTimer(keys.RefreshInterval);
                while (await timer.WaitForNextTickAsync(ended.Token))
                    if (!await StillValidAsync(user))
                    {
                        await ended.CancelAsync();
                        return;
                    }
            }
            catch (OperationCanceledException)
            {
                // the request ended first
            }
            catch (ObjectDisposedException)
            {
                // the response was disposed with its token
            }
        });
        return ended.Token;
    }

    public static void SetLanguage(HttpContext http, string language) =>
        http.Response.Cookies.Append(LanguageCookie, language, new CookieOptions
        {
            Path = CookiePath, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
        });
}
