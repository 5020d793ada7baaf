using Gateway.Admin;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Components.Console;

/// <summary>
/// The console's sign-in: the admin key, encrypted by ASP.NET Core Data Protection, in an HttpOnly, SameSite=Strict
/// cookie (Secure when the request came over https). The key itself is kept rather than a copy of its rights, so every
/// request asks <see cref="AdminKeys.Lookup"/> again: a key removed from configuration signs its sessions out at once, and a
/// stored key whose store cannot be read is said to be unchecked (the console answers 503), not unknown.
/// </summary>
public sealed class ConsoleSession(IDataProtectionProvider protection, AdminKeys keys)
{
    public const string CookieName = "gw_console";
    public const string LanguageCookie = "gw_console_lang";
    public const string CookiePath = "/console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly IDataProtector _protector = protection.CreateProtector("Gateway.Console.Session.v1").ToTimeLimitedDataProtector();

    /// <summary>Signs in with <paramref name="key"/> when it is known (the cookie is set); otherwise what the lookup found.</summary>
    public KeyLookup SignIn(HttpContext http, string? key)
    {
        var lookup = keys.Lookup(key?.Trim());
        if (lookup.Caller is not null)
            http.Response.Cookies.Append(CookieName, ((ITimeLimitedDataProtector)_protector).Protect(key!.Trim(), Lifetime), Options(http));
        return lookup;
    }

    public static void SignOut(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    /// <summary>The signed-in caller, if any, or that the session's stored key cannot be checked just now.</summary>
    public KeyLookup Read(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie) return default;
        try
        {
            return keys.Lookup(_protector.Unprotect(cookie));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return default; // expired, tampered with, or from another key ring: signed out
        }
    }

    public static void SetLanguage(HttpContext http, string language) =>
        http.Response.Cookies.Append(LanguageCookie, language, new CookieOptions
        {
            Path = CookiePath, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
        });

    private static CookieOptions Options(HttpContext http) => new()
    {
        Path = CookiePath,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        IsEssential = true,
    };
}
