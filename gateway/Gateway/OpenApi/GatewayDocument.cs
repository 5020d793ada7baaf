using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// The document's own parts: what the gateway is, the tags that are not a feature's (providers' webhooks), and the problem
/// details every operation refers to (<see cref="ErrorShape"/>), defined here so that it exists whatever the routes declare.
/// </summary>
public sealed class GatewayDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Gateway",
            Version = "v1",
            Description = "SMS, USSD and WhatsApp gateway for citizen participation in Moroccan communes: polls, alerts, the feedback desk, " +
                "Open311 (GeoReport v2), contacts, the simulator, and the providers' webhooks. The admin API takes an `X-Api-Key` header; " +
                "errors are RFC 9457 problem details (Open311: its own error list). Texts are per language (`ar`, `fr`, `zgh`, …).",
            License = new OpenApiLicense { Name = "See the repository's LICENSE", Url = new Uri("https://spdx.org/licenses/") },
        };
        // The address providers and integrators call (Gateway:PublicBaseUrl) when configured, else the request's own (the
        // framework's), without the trailing slash that would double every path's.
        var configured = context.ApplicationServices.GetRequiredService<IConfiguration>()["Gateway:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured)) document.Servers = [new OpenApiServer { Url = configured.TrimEnd('/') }];
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == ProviderWebhookMetadata.Tag))
            document.Tags.Add(new OpenApiTag { Name = ProviderWebhookMetadata.Tag, Description = ProviderWebhookMetadata.TagDescription });

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ErrorShape.ProblemSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        });
        return Task.CompletedTask;
    }
}
