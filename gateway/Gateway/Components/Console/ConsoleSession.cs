using Gateway.Admin;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Components.Console;

/// <summary>
/// The console's sign-in: the admin key, encrypted by ASP.NET Core Data Protection, in an HttpOnly, SameSite=Strict
/// cookie (Secure when the request came over https). The key itself is kept rather than a copy of its rights, so every
/// request asks <see cref="AdminKeys.Find"/> again: a key removed from configuration signs its sessions out at once.
/// </summary>
public sealed class ConsoleSession(IDataProtectionProvider protection, AdminKeys keys)
{
    public const string CookieName = "gw_console";
    public const string LanguageCookie = "gw_console_lang";
    public const string CookiePath = "/console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly IDataProtector _protector = protection.CreateProtector("Gateway.Console.Session.v1").ToTimeLimitedDataProtector();

    public AdminCaller? SignIn(HttpContext http, string? key)
    {
        if (keys.Find(key?.Trim()) is not { } caller) return null;
        http.Response.Cookies.Append(CookieName, ((ITimeLimitedDataProtector)_protector).Protect(key!.Trim(), Lifetime), Options(http));
        return caller;
    }

    public static void SignOut(HttpContext http) => http.Response.Cookies.Delete(CookieName, Options(http));

    public AdminCaller? Read(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 } cookie) return null;
        try
        {
            return keys.Find(_protector.Unprotect(cookie));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired, tampered with, or from another key ring: signed out
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
