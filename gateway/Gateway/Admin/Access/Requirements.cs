using Gateway.Communes;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Admin.Access;

/// <summary>Observers read: on any method but GET, HEAD and OPTIONS, an observer is refused (403).</summary>
public sealed class ObserversReadOnly : IAuthorizationRequirement;

public sealed class ObserversReadOnlyHandler : AuthorizationHandler<ObserversReadOnly>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ObserversReadOnly requirement)
    {
        if (CallerClaims.Caller(context.User) is not { } caller) return Task.CompletedTask;
        if (caller.CanAct || context.Resource is HttpContext { Request.Method: var method } && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)))
            context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, $"'{caller.Name}' is an observer: it may read, not change anything."));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The commune of the route (<c>{commune}</c>, in the API's and the console's URLs): the caller must be allowed to see it, and
/// it must exist. Refused, it is a 404, never a 403: another commune's data does not exist for this caller.
/// </summary>
public sealed class RouteCommune : IAuthorizationRequirement
{
    public const string RouteValue = "commune";
}

public sealed class RouteCommuneHandler(CommuneRegistry communes) : AuthorizationHandler<RouteCommune>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RouteCommune requirement)
    {
        if (context.Resource is not HttpContext http || http.GetRouteValue(RouteCommune.RouteValue) is not string wanted)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        if (CallerClaims.Caller(context.User) is { } caller && communes.Find(wanted) is { } commune && caller.CanSee(commune.Id))
            context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, $"No commune '{wanted}' for this caller."));
        return Task.CompletedTask;
    }
}
