using Gateway.Admin.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Admin.Access;

/// <summary>Which authentication scheme reads the requests under a path (the console's session under <c>/console</c>).</summary>
public sealed class AccessOptions
{
    public List<(PathString Prefix, string Scheme)> SchemesByPath { get; } = [];
}

/// <summary>
/// ASP.NET Core's authentication and authorization for every route. One policy scheme picks, by path, the scheme that
/// reads the caller (the admin key by default; the console registers its session for <c>/console</c>); every scheme gives
/// the same claims (<see cref="CallerClaims"/>); <see cref="GatewayPolicies"/> decide; <see cref="AccessResults"/> answers.
/// </summary>
public static class AccessExtensions
{
    public const string Scheme = "Gateway";

    public static WebApplicationBuilder AddGatewayAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Gateway caller", o => o.ForwardDefaultSelector = SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.Name, null);
        builder.Services.AddAuthorization(GatewayPolicies.Configure);
        builder.Services.AddSingleton<IAuthorizationHandler, ObserversReadOnlyHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, RouteCommuneHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResults>();
        builder.Services.AddSingleton<ErrorSurfaces>();
        return builder;
    }

    /// <summary>Authentication, authorization, then the audit of what authorized callers changed.</summary>
    public static WebApplication UseGatewayAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AuditTrail>();
        return app;
    }

    private static string SchemeFor(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessOptions>>().Value;
        foreach (var (prefix, scheme) in options.SchemesByPath)
            if (http.Request.Path.StartsWithSegments(prefix)) return scheme;
        return ApiKeyAuthenticationHandler.Name;
    }
}
