using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// What the document says of a request body that its route validates itself (for friendly, per-field errors): the fields
/// that are truly required (the record's constructor would make every positional field look required), and an example,
/// with texts in French and Arabic where the body carries texts. Placed on the record, read by <see cref="OpenApiShapes"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OpenApiShapeAttribute(params string[] required) : Attribute
{
    public IReadOnlyList<string> Required { get; } = required;

    /// <summary>An example body, as JSON.</summary>
    public string? Example { get; init; }
}

/// <summary>Applies <see cref="OpenApiShapeAttribute"/> to the schema of the type that carries it.</summary>
public sealed class OpenApiShapes : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.GetCustomAttributes(typeof(OpenApiShapeAttribute), false).FirstOrDefault() is not OpenApiShapeAttribute shape) return Task.CompletedTask;
        var unknown = shape.Required.Where(r => schema.Properties?.ContainsKey(r) != true).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"{type.Name}'s [OpenApiShape] requires {string.Join(", ", unknown)}, which it does not have.");
        schema.Required = new HashSet<string>(shape.Required, StringComparer.Ordinal);
        if (shape.Example is { } example) schema.Examples = [JsonNode.Parse(example)!];
        return Task.CompletedTask;
    }
}
