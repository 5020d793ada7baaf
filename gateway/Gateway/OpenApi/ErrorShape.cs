using Microsoft.OpenApi;

namespace Gateway.OpenApi;

/// <summary>
/// A surface that answers its errors in its own format (see <c>Admin/Access/ErrorSurfaces.cs</c>) says so on its routes
/// with this metadata, so that the document shows that shape; every other route answers RFC 9457 problem details.
/// </summary>
public interface IErrorFormat
{
    /// <summary>The schema's name among the document's components.</summary>
    string SchemaName { get; }

    IOpenApiSchema Schema { get; }

    IReadOnlyList<string> MediaTypes { get; }
}

/// <summary>The error responses of one operation, in its surface's shape (<see cref="IErrorFormat"/>, or problem details).</summary>
public sealed class ErrorShape
{
    public const string ProblemSchema = "ProblemDetails";

    private readonly OpenApiDocument? _document;
    private readonly IErrorFormat? _format;

    private ErrorShape(OpenApiDocument? document, IErrorFormat? format) => (_document, _format) = (document, format);

    public static ErrorShape For(IEnumerable<object> metadata, OpenApiDocument? document) =>
        new(document, metadata.OfType<IErrorFormat>().LastOrDefault());

    /// <summary>Adds the error response unless the route already declares that status (its own description wins).</summary>
    public void Add(OpenApiOperation operation, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key)) return;
        operation.Responses[key] = Response(description);
    }

    private OpenApiResponse Response(string description)
    {
        var content = new Dictionary<string, OpenApiMediaType>();
        if (_format is not null)
        {
            if (_document?.Components?.Schemas is { } schemas) schemas.TryAdd(_format.SchemaName, _format.Schema);
            foreach (var mediaType in _format.MediaTypes)
                content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(_format.SchemaName, _document) };
        }
        else content["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, _document) };
        return new OpenApiResponse { Description = description, Content = content };
    }
}
