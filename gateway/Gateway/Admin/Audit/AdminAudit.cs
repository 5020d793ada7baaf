using Gateway.Admin.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Audit;

/// <summary>
/// Records every change made through an admin route (any method but GET/HEAD that succeeded) and every read of one
/// person's data (a contact export), with the caller, the route and its values. Route values that are phone numbers
/// are not recorded: the audit log outlives erasure, and must not name the person erased.
/// </summary>
public static class AdminAudit
{
    public const int MaxRead = 1000;

    /// <summary><c>GET /api/audit?max=</c>: newest first, for programme admins only.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(GatewayPolicies.Programme)
            .MapGet("", async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> (int? max, IAuditLog log, CancellationToken cancellationToken) =>
                max is < 1 or > MaxRead
                    ? TypedResults.Problem(title: "Invalid 'max'", detail: $"'max' must be between 1 and {MaxRead}.", statusCode: 400,
                        extensions: new Dictionary<string, object?> { ["field"] = "max" })
                    : TypedResults.Ok(await log.ReadAsync(max ?? 100, cancellationToken)))
            .WithSummary("The audit log, newest first");
        return app;
    }

    /// <summary>Whether this answered admin request is an action to record.</summary>
    internal static bool IsAudited(HttpContext http) =>
        http.Response.StatusCode is >= 200 and < 300
        && (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) || http.Request.RouteValues.ContainsKey("phone"));

    internal static AuditEntry Entry(HttpContext http, AdminCaller caller, TimeProvider clock)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var target = string.Join(", ", http.Request.RouteValues
            .Where(v => v.Key is not ("phone" or "action" or "controller"))
            .Select(v => $"{v.Key}={Truncate(v.Value?.ToString())}"));
        return new AuditEntry(clock.GetUtcNow(), caller.Name, caller.Commune, caller.Role.ToString().ToLowerInvariant(),
            $"{http.Request.Method} /{pattern.TrimStart('/')}", target, http.Response.StatusCode) { Surface = AuditSurfaces.Of(http.Request), Person = caller.Person };
    }

    private static string Truncate(string? value) => value is null ? "" : value.Length > 100 ? value[..100] : value;
}
