namespace Gateway.Admin;

public static class AdminExtensions
{
    public const string HeaderName = "X-Api-Key";

    public static WebApplicationBuilder AddAdminKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AdminKeys>();
        return builder;
    }

    /// <summary>
    /// Requires a valid <c>X-Api-Key</c> on every route of the group (401 problem otherwise) and makes the caller
    /// available to handlers as an <see cref="AdminCaller"/> parameter.
    /// </summary>
    public static RouteGroupBuilder RequireAdminKey(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var keys = http.RequestServices.GetRequiredService<AdminKeys>();
            if (!keys.Configured)
                return TypedResults.Problem(title: "Admin API not configured",
                    detail: "No admin API key is configured: set Admin:ApiKeys (keys of 16+ characters).", statusCode: 503);
            if (keys.Find(http.Request.Headers[HeaderName]) is not { } caller)
                return TypedResults.Problem(title: "Unauthorized", detail: $"A valid {HeaderName} header is required.", statusCode: 401);
            http.Items[typeof(AdminCaller)] = caller;
            return await next(context);
        });
        return group;
    }
}
