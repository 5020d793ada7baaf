using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.OpenApi;

/// <summary>
/// The gateway's OpenAPI document as served, read for the truth specs: its operations by <c>METHOD path</c>, and the
/// running gateway's endpoints written the same way, so that the two can be compared.
/// </summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>
    /// Endpoints that are not the API's, each with why: the console's pages, forms and fragments are for a clerk's browser
    /// (antiforgery, a session cookie), and the document does not describe itself.
    /// </summary>
    public static string? ExclusionReason(string key) => key switch
    {
        _ when key.Contains(" /console", StringComparison.Ordinal) => "the console (HTML for a clerk's browser, its forms and fragments)",
        "GET /" => "the console's entry (a redirect)",
        "GET /_framework/opaque-redirect" => "Blazor's navigation helper for the console",
        "GET /openapi/{documentName}.json" => "the document itself",
        _ => null,
    };

    public JsonElement Root { get; } = root;

    public static async Task<OpenApiDocument> FetchAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return new OpenApiDocument(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Every operation as <c>METHOD /path</c>.</summary>
    public Dictionary<string, JsonElement> Operations()
    {
        var operations = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
                operations[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = operation.Value;
        return operations;
    }

    /// <summary>The statuses an operation documents.</summary>
    public static HashSet<int> Statuses(JsonElement operation) =>
        [.. operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The security schemes an operation names (empty: public).</summary>
    public static HashSet<string> Security(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))]
            : [];

    /// <summary>A route pattern or an authorization-matrix key (<c>ANY /health/live</c>, <c>POST /api/polls/</c>) as the document writes it.</summary>
    public static string Normalize(string key)
    {
        var space = key.IndexOf(' ');
        var method = key[..space] == "ANY" ? "GET" : key[..space];
        var path = key[(space + 1)..];
        if (path.Length > 1) path = path.TrimEnd('/');
        return $"{method} {path}";
    }

    /// <summary>Every endpoint of the running gateway (<c>METHOD pattern</c>, as the authorization matrix writes them) with its metadata.</summary>
    public static Dictionary<string, EndpointMetadataCollection> Endpoints(IServiceProvider services)
    {
        var endpoints = new Dictionary<string, EndpointMetadataCollection>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                endpoints[$"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"] = endpoint.Metadata;
        return endpoints;
    }

    /// <summary>Whether the endpoint's own metadata lets anyone in (what the authorization middleware reads).</summary>
    public static bool IsAnonymous(EndpointMetadataCollection metadata) => metadata.GetMetadata<IAllowAnonymous>() is not null;
}
