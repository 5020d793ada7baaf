using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// What a route that is no route handler answers (health checks, the Prometheus scrape): the framework's description
/// provider sees only handlers, so such a route declares itself with <c>.DescribedAs(...)</c> and this puts it in the document.
/// </summary>
/// <param name="Responses">Status → (media type, description).</param>
public sealed record NonHandlerEndpoint(string OperationId, string Tag, string Summary, string Description, IReadOnlyDictionary<int, (string MediaType, string Description)> Responses);

public static class NonHandlerEndpointExtensions
{
    /// <summary>Describes an endpoint that is not a route handler (a health check, a scrape), for the OpenAPI document.</summary>
    public static TBuilder DescribedAs<TBuilder>(this TBuilder builder, NonHandlerEndpoint description) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(description);
}

/// <summary>Adds every endpoint carrying <see cref="NonHandlerEndpoint"/> to the document, as a public GET.</summary>
public sealed class NonHandlerEndpoints : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var endpoints = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<NonHandlerEndpoint>() is not { } described) continue;
            var path = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var operation = new OpenApiOperation
            {
                OperationId = described.OperationId,
                Summary = described.Summary,
                Description = described.Description,
                Tags = new HashSet<OpenApiTagReference> { new(described.Tag, document) },
                Security = [],
                Responses = [],
            };
            foreach (var (status, (mediaType, text)) in described.Responses)
                operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
                {
                    Description = text,
                    Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
            document.Paths ??= [];
            document.Paths[path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
            document.Tags ??= new HashSet<OpenApiTag>();
            if (!document.Tags.Any(t => t.Name == described.Tag)) document.Tags.Add(new OpenApiTag { Name = described.Tag });
        }
        return Task.CompletedTask;
    }
}
