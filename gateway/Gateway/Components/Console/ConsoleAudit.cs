using Gateway.Admin.Access;
using Gateway.Admin.Audit;

namespace Gateway.Components.Console;

/// <summary>
/// Records what a clerk changed through the console, once the change is done (a form that fails validation changes
/// nothing and is not recorded): who (the caller, and the person once accounts exist), what, on what, from the console.
/// </summary>
public sealed class ConsoleAudit(ConsoleContext ctx, IAuditLog audit, TimeProvider clock, ILogger<ConsoleAudit> logger)
{
    /// <param name="action">What was done, e.g. <c>report.status</c>.</param>
    /// <param name="target">On what, e.g. <c>reference=R-4F7K2, status=resolved</c>; never a phone number nor a contact id.</param>
    public async Task RecordAsync(string action, string target)
    {
        if (ctx.Caller is not { } caller) return;
        var entry = new AuditEntry(clock.GetUtcNow(), caller.Name, caller.Commune, CallerClaims.RoleName(caller.Role),
            "console " + action, $"commune={ctx.Commune?.Id}, {target}", StatusCodes.Status200OK)
        {
            Surface = AuditSurfaces.Console,
            Person = caller.Person,
        };
        try
        {
            await audit.RecordAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The change is made; losing its trace must be loud, not silent.
            logger.LogError(e, "Audit entry of {Caller}'s console {Action} not recorded: the audit store is unavailable", caller.Name, action);
        }
    }
}
