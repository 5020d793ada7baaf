using Gateway.Admin.Access;
using Gateway.OpenApi;
using Scalar.AspNetCore;

namespace Gateway.Hosting;

/// <summary>
/// The API's description, <c>/openapi/v1.json</c> (OpenAPI 3.1), built from the routes' own metadata by a few transformers,
/// and its interactive page (Scalar) at <see cref="ReferencePath"/>.
/// <para>A new route conforms by being declared as usual: a policy or <c>AllowAnonymous</c> (the security and its 401, 403,
/// 429, 503 follow), typed results or <c>.ProducesProblem(status)</c> for its own answers, <c>.WithQueryParameters(...)</c> for
/// query parameters it reads itself, <c>.AsProviderWebhooks()</c> for a provider's callback; <c>OpenApiTruthSpecs</c> fails
/// for a route left out, a status answered but not documented, or security that does not match the route.</para>
/// </summary>
public static class GatewayOpenApi
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    /// <summary>
    /// Under the console's path, so that the console's session cookie (path <c>/console</c>) reaches it: a browser cannot send
    /// the <c>X-Api-Key</c> header, so outside Development the page needs a signed-in clerk, and a stranger is sent to sign in.
    /// </summary>
    public const string ReferencePath = "/console/api-reference";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<GatewayDocument>();
            options.AddDocumentTransformer<SecuritySchemes>();
            options.AddDocumentTransformer<NonHandlerEndpoints>();
            options.AddOperationTransformer<GatewayOperationTransformer>();
            options.AddSchemaTransformer<OpenApiShapes>();
        });

    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        var reference = app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("Gateway API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddPreferredSecuritySchemes(SecuritySchemes.ApiKey)
            // Offline: the page's script is served from the package (scalar.js), and no font nor telemetry is fetched.
            .DisableDefaultFonts()
            .DisableTelemetry()
            // Nor Scalar's hosted extras: its AI agent, MCP and developer toolbar call scalar.com and are not the gateway's.
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        if (app.Environment.IsDevelopment()) reference.AllowAnonymous();
        else reference.RequireAuthorization(GatewayPolicies.Read);
        return app;
    }
}
