using System.Security.Claims;
using Gateway.Admin;
using Gateway.Admin.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Components.Console;

/// <summary>
/// The console's sign-in, on ASP.NET Core's cookie authentication: the HttpOnly, SameSite=Strict cookie (Secure over https)
/// holds a session id, and the session (<see cref="ConsoleSessionStore"/>) holds the caller's claims and the credential that
/// signed in, never the key itself. On every request the credential is asked again (<see cref="ValidateAsync"/>): a revoked
/// key ends its sessions at once, a changed role applies at once, and a stored key whose store cannot be read gives a 503
/// without signing the clerk out.
/// </summary>
public sealed class ConsoleSession(AdminKeys keys, ConsoleSessionStore sessions, TimeProvider clock, IHostApplicationLifetime stopping)
{
    public const string Scheme = "ConsoleSession";
    public const string CookieName = "gw_console";
    public const string LanguageCookie = "gw_console_lang";
    public const string CookiePath = "/console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>The cookie handler adds this claim to a session's principal: the session's id in the store.</summary>
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.Path = CookiePath;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.IsEssential = true;
        o.ExpireTimeSpan = Lifetime;
        o.SlidingExpiration = false;
    }

    /// <summary>Signs in with <paramref name="key"/> when it is known (a session is opened); otherwise what the lookup found.</summary>
    public async Task<KeyLookup> SignInAsync(HttpContext http, string? key)
    {
        var lookup = keys.Lookup(key?.Trim());
        if (lookup.Caller is { } caller)
            await http.SignInAsync(Scheme, CallerClaims.Principal(caller, Scheme),
                new AuthenticationProperties { IsPersistent = false, AllowRefresh = false, ExpiresUtc = clock.GetUtcNow() + Lifetime });
        return lookup;
    }

    /// <summary>Ends the session in the store and deletes the cookie.</summary>
    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Every request: the credential still stands (claims refreshed), cannot be checked (503), or is gone (signed out).</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var lookup = keys.LookupCredential(context.Principal?.FindFirstValue(CallerClaims.Credential));
        if (lookup.StoreUnavailable)
        {
            AccessFailure.Set(context.HttpContext, AccessFailureKind.StoreUnavailable,
                "Your key cannot be checked just now: the key store does not answer.");
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
        if (user.FindFirstValue(SessionIdClaim) is not { } id || await sessions.RetrieveAsync(id) is null) return false;
        return keys.LookupCredential(user.FindFirstValue(CallerClaims.Credential)).Caller is not null;
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
