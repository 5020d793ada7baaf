using Gateway.Admin.Audit;

namespace Gateway.Admin;

public static class AdminExtensions
{
    public const string HeaderName = "X-Api-Key";

    public static WebApplicationBuilder AddAdminKeys(this WebApplicationBuilder builder)
    {
        // Keys created by `keys create` live in Redis when there is one, so revoking one takes effect on every replica.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddSingleton<Stored.IAdminKeyStore, Stored.RedisAdminKeyStore>();
            builder.Services.AddHostedService<Stored.AdminKeyRefresher>();
        }
        builder.Services.AddSingleton(sp => new AdminKeys(sp.GetRequiredService<IConfiguration>(), sp.GetService<Stored.IAdminKeyStore>()));
        builder.AddAuditLog();
        return builder;
    }

    /// <summary>
    /// Checks admin keys before any route runs (<see cref="AdminKeyCheck"/>): Minimal APIs bind parameters, the body
    /// included, before endpoint filters, so a filter alone would read a body (and bind it, or fail with a 400) first.
    /// </summary>
    public static WebApplication UseAdminKeys(this WebApplication app)
    {
        app.UseMiddleware<AdminKeyCheck>();
        return app;
    }

    /// <summary>
    /// Requires a valid <c>X-Api-Key</c> on every route of the group: 401 problem when missing or wrong, 503 when no key
    /// is configured, 403 for an observer on anything but GET/HEAD. The caller is then available to handlers as an
    /// <see cref="AdminCaller"/> parameter (or <c>HttpContext.Items[typeof(AdminCaller)]</c>).
    /// </summary>
    public static RouteGroupBuilder RequireAdminKey(this RouteGroupBuilder group)
    {
        group.WithMetadata(AdminKeyRequired.Instance);
        // The same check again, in case the pipeline lacks UseAdminKeys (a test host, a new Program): never an open route.
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Items.ContainsKey(typeof(AdminCaller))
                ? await next(context)
                : AdminKeyCheck.Refusal(context.HttpContext) ?? await next(context));
        return group;
    }

    /// <summary>Only callers with one of these roles may use the route: 403 otherwise (404 stays the answer for another commune's data).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, params AdminRole[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AdminRoleRequired(roles));
}

/// <summary>Endpoint metadata: the route takes an admin key.</summary>
public sealed class AdminKeyRequired
{
    public static readonly AdminKeyRequired Instance = new();
}

/// <summary>Endpoint metadata: the roles allowed on the route.</summary>
public sealed record AdminRoleRequired(IReadOnlyList<AdminRole> Roles);

/// <summary>
/// The admin key check, as middleware so it runs before the body is read or bound: a missing or wrong key is a 401 in
/// every environment (never a binding 400), whatever the body's size.
/// </summary>
public sealed class AdminKeyCheck(
    RequestDelegate next, IAuditLog audit, TimeProvider clock, ILogger<AdminKeyCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AdminKeyRequired>() is null)
        {
            await next(context);
            return;
        }
        if (Refusal(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        await next(context);
        if (context.Items[typeof(AdminCaller)] is AdminCaller caller && AdminAudit.IsAudited(context))
        {
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

    /// <summary>The problem answering this request, or null (and the caller put in Items) when its key may use the route.</summary>
    public static IResult? Refusal(HttpContext http)
    {
        var keys = http.RequestServices.GetRequiredService<AdminKeys>();
        if (!keys.Configured)
            return TypedResults.Problem(title: "Admin API not configured",
                detail: "No admin API key is configured: create one with `keys create` and set Admin:ApiKeys.", statusCode: 503);
        var lookup = keys.Lookup(http.Request.Headers[AdminExtensions.HeaderName]);
        if (lookup.StoreUnavailable)
            return TypedResults.Problem(title: "Admin key store unavailable",
                detail: "This key is not in configuration, and the key store (Redis) where `keys create` keeps keys cannot be read: "
                    + "keys in configuration still work; stored keys work again once the store is back.", statusCode: 503);
        if (lookup.Caller is not { } caller)
        {
            http.Response.Headers.WWWAuthenticate = AdminExtensions.HeaderName;
            return TypedResults.Problem(title: "Unauthorized", detail: $"A valid {AdminExtensions.HeaderName} header is required.", statusCode: 401);
        }
        if (!caller.CanAct && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            return Forbidden($"Key '{caller.Name}' is an observer: it may read, not change anything.");
        if (http.GetEndpoint()?.Metadata.GetMetadata<AdminRoleRequired>() is { } required && !Allowed(caller, required.Roles))
            return Forbidden($"Key '{caller.Name}' ({caller.Role}{(caller.IsProgramme ? "" : " of " + caller.Commune)}) may not use this route.");
        http.Items[typeof(AdminCaller)] = caller;
        return null;
    }

    private static bool Allowed(AdminCaller caller, IReadOnlyList<AdminRole> roles) => roles.Contains(caller.Role);

    private static IResult Forbidden(string detail) => TypedResults.Problem(title: "Forbidden", detail: detail, statusCode: 403);
}
