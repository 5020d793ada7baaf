using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Trust;

namespace Gateway.Tests.OpenApi;

/// <summary>
/// The OpenAPI document cannot drift from the gateway: every endpoint is in it (or excluded with a reason), each operation's
/// security is what its authorization metadata and the authorization matrix say, and a body's required fields are what the
/// route really refuses without. That every status really answered is documented is checked by the matrix itself
/// (<see cref="AuthorizationMatrixSpecs"/>, which calls every route as every caller, through <see cref="OpenApiAnswers"/>).
/// </summary>
public sealed class OpenApiTruthSpecs
{
    private const string Key = "openapi-truth-programme-key-0123456789";

    // As the authorization matrix runs it, and as Production would: the simulator closed (it is anonymous only when open).
    private static GatewayApplication Host() => new GatewayApplication().With("Simulator:Open", "false")
        .With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "truth").With("Admin:ApiKeys:0:Role", "programme");

    [Fact]
    public async Task Every_endpoint_is_in_the_document_or_excluded_with_a_reason_and_every_operation_is_an_endpoint()
    {
        await using var app = Host();
        var document = await OpenApiDocument.FetchAsync(app.CreateClient());
        var operations = document.Operations();
        var endpoints = OpenApiDocument.Endpoints(app.Services);

        var missing = endpoints.Keys.Where(k => OpenApiDocument.ExclusionReason(k) is null && !operations.ContainsKey(OpenApiDocument.Normalize(k))).Order().ToList();
        var normalized = endpoints.Keys.Select(OpenApiDocument.Normalize).ToHashSet();
        var stale = operations.Keys.Where(o => !normalized.Contains(o)).ToList();

        Assert.True(operations.Count >= 45, $"only {operations.Count} operations documented");
        Assert.True(missing.Count == 0, "Endpoints missing from /openapi/v1.json: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Operations that are no endpoint: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Each_operation_asks_for_the_admin_key_exactly_when_its_route_and_the_authorization_matrix_want_a_caller()
    {
        await using var app = Host();
        var operations = (await OpenApiDocument.FetchAsync(app.CreateClient())).Operations();
        List<string> wrong = [];
        foreach (var (key, metadata) in OpenApiDocument.Endpoints(app.Services))
        {
            if (!operations.TryGetValue(OpenApiDocument.Normalize(key), out var operation)) continue;
            var security = OpenApiDocument.Security(operation);
            var anonymous = OpenApiDocument.IsAnonymous(metadata);
            var publicInMatrix = AuthorizationMatrix.Endpoints.TryGetValue(key, out var row) && row.Rule is Rule.Public or Rule.Webhook;
            if (anonymous != publicInMatrix) wrong.Add($"{key}: AllowAnonymous is {anonymous} but the matrix says {row.Rule}");
            if (anonymous && security.Count > 0) wrong.Add($"{key}: public, but the document asks for {string.Join(", ", security)}");
            if (!anonymous && !security.Contains("ApiKey")) wrong.Add($"{key}: needs a caller, but the document names no X-Api-Key");
            if (!anonymous && !OpenApiDocument.Statuses(operation).Contains(401)) wrong.Add($"{key}: needs a caller, but documents no 401");
            if (key.Contains("/open311/", StringComparison.Ordinal) && !anonymous && !security.Contains("Open311ApiKey"))
                wrong.Add($"{key}: Open311 takes api_key, but the document does not say so");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A_poll_without_a_body_is_refused_for_exactly_the_fields_the_document_marks_required()
    {
        await using var app = Host();
        var http = app.CreateClient(Key);
        var document = await OpenApiDocument.FetchAsync(http);
        var schema = document.Root.GetProperty("components").GetProperty("schemas").GetProperty("CreatePollRequest");
        var documented = schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order().ToList();

        using var refused = await http.PostAsJsonAsync("/api/polls", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")
            .EnumerateObject().Select(e => e.Name).Order().ToList();

        Assert.Equal(errors, documented);
    }

    [Fact]
    public async Task Open311s_post_documents_the_201_it_answers_and_its_form()
    {
        await using var app = Host();
        var http = app.CreateClient(Key);
        var operation = (await OpenApiDocument.FetchAsync(http)).Operations()["POST /open311/v2/requests.{format}"];

        using var created = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jurisdiction_id"] = "agadir", ["service_code"] = "water", ["description"] = "Pas d'eau depuis hier", ["address_string"] = "Hay Dakhla",
        }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(201, OpenApiDocument.Statuses(operation));
        Assert.DoesNotContain(200, OpenApiDocument.Statuses(operation));
        Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-www-form-urlencoded", out _));
    }

    [Fact]
    public async Task The_feedback_list_and_open311s_get_document_their_filters()
    {
        await using var app = Host();
        var operations = (await OpenApiDocument.FetchAsync(app.CreateClient())).Operations();
        static List<string> Parameters(JsonElement operation) =>
            [.. operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)];

        Assert.Superset(new HashSet<string> { "commune", "status", "category", "channel", "from", "to", "q", "limit", "cursor" }, Parameters(operations["GET /api/feedback"]).ToHashSet());
        Assert.Superset(new HashSet<string> { "jurisdiction_id", "service_code", "status", "start_date", "end_date", "service_request_id" },
            Parameters(operations["GET /open311/v2/requests.{format}"]).ToHashSet());
    }
}
