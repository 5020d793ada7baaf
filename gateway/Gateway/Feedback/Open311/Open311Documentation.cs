using System.Text.Json.Serialization;
using Gateway.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Feedback.Open311;

/// <summary>What the OpenAPI document says of Open311's routes beyond their handlers' signatures (they read the query and form themselves).</summary>
public static class Open311Documentation
{
    public static readonly string[] MediaTypes = ["application/json", "text/xml"];

    /// <summary>GET <c>requests.{format}</c>'s filters (GeoReport v2), as <c>Open311Api.ListAsync</c> reads them.</summary>
    public static readonly IReadOnlyList<QueryParameter> ListParameters =
    [
        new("service_request_id", "One or more references, comma-separated; the other filters then do not apply."),
        new("jurisdiction_id", "The commune (a commune key sees its own only; another is a 404)."),
        new("service_code", "One or more service codes, comma-separated (`services.{format}`)."),
        new("status", "open (new, acknowledged, in progress) or closed (resolved, rejected).", Values: ["open", "closed"]),
        new("start_date", "Only requests received at or after this time (ISO 8601).", Format: "date-time"),
        new("end_date", "Only requests received before this time (ISO 8601).", Format: "date-time"),
        new("locale", "The language of service names and status notes (`fr`, `ar`, `fr-MA`, ...)."),
    ];

    /// <summary>GET <c>requests/{id}.{format}</c>'s parameter.</summary>
    public static readonly IReadOnlyList<QueryParameter> GetParameters = [ListParameters[^1]];

    /// <summary>Open311's errors: GeoReport v2's error list, in JSON or XML as the format asked.</summary>
    public sealed class ErrorFormat : IErrorFormat
    {
        public static readonly ErrorFormat Instance = new();

        public string SchemaName => "Open311Errors";

        public IReadOnlyList<string> MediaTypes => Open311Documentation.MediaTypes;

        public IOpenApiSchema Schema { get; } = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "GeoReport v2's error list (`errors/error` in XML); `code` is the HTTP status.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "code", "description" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    ["description"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        };
    }
}

/// <summary>
/// The form of POST <c>requests.{format}</c> (<c>application/x-www-form-urlencoded</c>, GeoReport v2), for the document:
/// a place is required too, as <c>address_string</c>, <c>address_id</c>, or <c>lat</c> and <c>long</c>; <c>jurisdiction_id</c>
/// may be left out by a commune's key (its commune). Name, email, phone and device fields are accepted and not kept.
/// </summary>
[OpenApiShape("service_code", "description", Example = """
    { "jurisdiction_id": "agadir", "service_code": "water", "description": "Pas d'eau depuis hier matin. لا يوجد ماء منذ صباح أمس.", "address_string": "Hay Dakhla, Agadir" }
    """)]
public sealed record Open311RequestForm(
    [property: JsonPropertyName("jurisdiction_id")] string? JurisdictionId,
    [property: JsonPropertyName("service_code")] string? ServiceCode,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("address_string")] string? AddressString,
    [property: JsonPropertyName("address_id")] string? AddressId,
    [property: JsonPropertyName("lat")] string? Lat,
    [property: JsonPropertyName("long")] string? Long,
    [property: JsonPropertyName("locale")] string? Locale);

/// <summary>What POST <c>requests.{format}</c> answers (201), one element.</summary>
public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId);
