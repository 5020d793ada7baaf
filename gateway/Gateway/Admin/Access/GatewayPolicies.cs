using Microsoft.AspNetCore.Authorization;

namespace Gateway.Admin.Access;

/// <summary>
/// Who may do what, as the framework's policies. Every policy, the fallback included, wants an authenticated caller, keeps
/// observers to reading (<see cref="ObserversReadOnly"/>) and scopes the route's commune (<see cref="RouteCommune"/>); a
/// route without a policy gets the fallback, so a route is public only where it says <c>AllowAnonymous</c>.
/// </summary>
public static class GatewayPolicies
{
    /// <summary>Any caller: programme, staff or observer (observers only read).</summary>
    public const string Read = "gateway:read";

    /// <summary>Callers who change things: the programme and commune staff, never observers.</summary>
    public const string Act = "gateway:act";

    /// <summary>The programme only (every commune's data: the audit log, dead letters).</summary>
    public const string Programme = "gateway:programme";

    public static void Configure(AuthorizationOptions options)
    {
        var caller = Caller().Build();
        options.FallbackPolicy = caller;
        options.DefaultPolicy = caller;
        options.AddPolicy(Read, caller);
        options.AddPolicy(Act, Caller().RequireRole(Role(AdminRole.Programme), Role(AdminRole.Staff)).Build());
        options.AddPolicy(Programme, Caller().RequireRole(Role(AdminRole.Programme)).Build());
    }

    private static AuthorizationPolicyBuilder Caller() =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new ObserversReadOnly(), new RouteCommune());

    private static string Role(AdminRole role) => CallerClaims.RoleName(role);
}
