using Gateway.Admin.Access;

namespace Gateway.Admin.Audit;

/// <summary>
/// Records, after the route answered, what a caller authenticated by an admin key changed (and each read of one person's
/// data): the admin API and Open311. The console records its own writes where it knows they succeeded (a form that fails
/// validation answers 200 too).
/// </summary>
public sealed class AuditTrail(RequestDelegate next, IAuditLog audit, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.User.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.Name
            || CallerClaims.Caller(context.User) is not { } caller || !AdminAudit.IsAudited(context)) return;
        try
        {
            await audit.RecordAsync(AdminAudit.Entry(context, caller, clock), CancellationToken.None);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The action is done and answered; losing its trace must be loud, not silent.
            logger.LogError(e, "Audit entry of {Caller}'s {Method} {Path} not recorded: the audit store is unavailable",
                caller.Name, context.Request.Method, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
        }
    }
}
