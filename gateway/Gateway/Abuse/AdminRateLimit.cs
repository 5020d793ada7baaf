using Gateway.Admin.Access;
using Microsoft.Extensions.Options;

namespace Gateway.Abuse;

/// <summary>
/// The per-key limit of the admin API and Open311, after authorization (so it runs before the body is read too), counted by
/// the key's credential in the shared store so that every replica sees the same count.
/// </summary>
public sealed class AdminRateLimit(RequestDelegate next, IRateCounter rates, IOptionsMonitor<AbuseOptions> abuse, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (await TooManyAsync(context) is { } refusal) await refusal.ExecuteAsync(context);
        else await next(context);
    }

    /// <summary>Past <see cref="AbuseOptions.AdminPerKey"/> requests of one key in a window, counted across replicas: 429 until it ends.</summary>
    private async Task<IResult?> TooManyAsync(HttpContext http)
    {
        var limit = abuse.CurrentValue;
        if (limit.AdminPerKey <= 0 || http.User.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.Name
            || CallerClaims.Caller(http.User) is not { } caller) return null;
        var now = clock.GetUtcNow();
        if (await rates.HitAsync("admin:" + caller.Credential, null, limit.AdminWindow, now, http.RequestAborted) <= limit.AdminPerKey) return null;
        var retry = Math.Max(1, (int)Math.Ceiling((limit.AdminWindow - TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() % (long)limit.AdminWindow.TotalMilliseconds)).TotalSeconds));
        http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Too many requests",
            detail: $"Key '{caller.Name}' made more than {limit.AdminPerKey} requests in {limit.AdminWindow}; retry in {retry} s.", statusCode: 429);
    }
}

public static class AdminRateLimitExtensions
{
    /// <summary>After <c>UseGatewayAccess</c>: 429 with <c>Retry-After</c> past <see cref="AbuseOptions.AdminPerKey"/> requests of one key.</summary>
    public static IApplicationBuilder UseAdminRateLimit(this IApplicationBuilder app) => app.UseMiddleware<AdminRateLimit>();
}
