using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// A query parameter a handler reads itself (from <c>HttpRequest.Query</c>, for its own error messages), declared beside
/// its parser so that the OpenAPI document lists it: <c>.WithQueryParameters(FeedbackListRequest.Parameters)</c>.
/// </summary>
/// <param name="Type">The JSON Schema type the value parses as (<c>string</c>, <c>integer</c>, <c>boolean</c>).</param>
/// <param name="Values">The values it accepts, when it is one of a list.</param>
/// <param name="Format">The JSON Schema format (<c>date-time</c>), when it has one.</param>
public sealed record QueryParameter(string Name, string Description, string Type = "string", IReadOnlyList<string>? Values = null, string? Format = null);

/// <summary>The query parameters of an endpoint that reads them itself (endpoint metadata, read by <see cref="GatewayOperationTransformer"/>).</summary>
public sealed record QueryParametersMetadata(IReadOnlyList<QueryParameter> Parameters);

public static class QueryParameterExtensions
{
    /// <summary>Documents the query parameters a handler reads from <c>HttpRequest.Query</c> rather than binds.</summary>
    public static TBuilder WithQueryParameters<TBuilder>(this TBuilder builder, IReadOnlyList<QueryParameter> parameters) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParametersMetadata(parameters));

    internal static void AddTo(OpenApiOperation operation, IEnumerable<QueryParametersMetadata> declared)
    {
        foreach (var parameter in declared.SelectMany(d => d.Parameters))
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.Name == parameter.Name && p.In == ParameterLocation.Query)) continue;
            var schema = new OpenApiSchema
            {
                Type = parameter.Type switch { "integer" => JsonSchemaType.Integer, "boolean" => JsonSchemaType.Boolean, _ => JsonSchemaType.String },
                Format = parameter.Format,
            };
            if (parameter.Values is { Count: > 0 } values) schema.Enum = [.. values.Select(v => (System.Text.Json.Nodes.JsonNode)v!)];
            operation.Parameters.Add(new OpenApiParameter { Name = parameter.Name, In = ParameterLocation.Query, Description = parameter.Description, Schema = schema });
        }
    }
}
