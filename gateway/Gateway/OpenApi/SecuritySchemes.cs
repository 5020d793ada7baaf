using Gateway.Admin;
using Gateway.Admin.Access;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// The admin key as the document's security schemes: the <c>X-Api-Key</c> header everywhere, and Open311's <c>api_key</c>
/// query parameter where a route takes it (<see cref="ApiKeyParameter"/>). Operations name them (<see cref="GatewayOperationTransformer"/>).
/// </summary>
public sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    public const string ApiKey = "ApiKey";
    public const string ApiKeyQuery = "Open311ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AdminExtensions.HeaderName,
            Description = "An admin key (`keys create`), scoped to a commune or the programme, with a role: programme, staff or observer.",
        };
        document.Components.SecuritySchemes[ApiKeyQuery] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Query,
            Name = ApiKeyParameter.Name,
            Description = "The same admin key as Open311's `api_key` parameter (GeoReport v2); the header works there too.",
        };
        return Task.CompletedTask;
    }
}
