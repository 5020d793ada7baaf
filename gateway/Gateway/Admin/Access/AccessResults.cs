using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gateway.Admin.Access;

/// <summary>
/// How a refusal is answered, in the format of the surface asked (<see cref="ErrorSurfaces"/>): 401 when nobody is
/// authenticated (503 when the credential cannot be checked or none is configured, 400 when the request could not be read
/// for it), 404 for a commune the caller may not see, 403 for a role that may not act.
/// </summary>
public sealed class AccessResults(ErrorSurfaces surfaces) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // A path no route knows has nothing to protect (static files are served before): it answers its 404, not a 401.
        if (http.GetEndpoint() is null) return next(http);
        if (result.Challenged) return surfaces.WriteAsync(http, Challenge(http));
        if (result.Forbidden) return surfaces.WriteAsync(http, Forbid(http, result.AuthorizationFailure));
        return _default.HandleAsync(next, http, policy, result);
    }

    public static SurfaceError Challenge(HttpContext http) => AccessFailure.Of(http) switch
    {
        { Kind: AccessFailureKind.Malformed } f => new SurfaceError(400, "Bad request", f.Detail),
        { Kind: AccessFailureKind.NotConfigured } f => new SurfaceError(503, "Admin API not configured", f.Detail),
        { Kind: AccessFailureKind.StoreUnavailable } f => new SurfaceError(503, "Admin key store unavailable", f.Detail, RetryAfterSeconds: 30),
        var f => new SurfaceError(401, "Unauthorized", f?.Detail ?? $"A valid {AdminExtensions.HeaderName} header is required.", ApiKeyChallenge: true),
    };

    private static SurfaceError Forbid(HttpContext http, AuthorizationFailure? failure)
    {
        // A handler that fails explicitly leaves the requirement out of FailedRequirements: its reason names it.
        if (failure is not null && (failure.FailedRequirements.OfType<RouteCommune>().Any() || Reason<RouteCommuneHandler>(failure) is not null))
            return new SurfaceError(404, "Not found", Reason<RouteCommuneHandler>(failure) ?? "Not found.");
        var caller = CallerClaims.Caller(http.User);
        return new SurfaceError(403, "Forbidden", (failure is null ? null : Reason<ObserversReadOnlyHandler>(failure))
            ?? $"'{caller?.Name}' ({caller?.Role.ToString().ToLowerInvariant()}{(caller is { IsProgramme: false } ? " of " + caller.Commune : "")}) may not use this route.");
    }

    private static string? Reason<THandler>(AuthorizationFailure failure) =>
        failure.FailureReasons.FirstOrDefault(r => r.Handler is THandler)?.Message;
}
