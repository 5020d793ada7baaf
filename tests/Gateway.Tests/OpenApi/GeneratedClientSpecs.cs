using Gateway.Tests.OpenApi.Client.Generated;
using Gateway.Tests.OpenApi.Client.Generated.Api.Feedback;
using Gateway.Tests.OpenApi.Client.Generated.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Gateway.Tests.OpenApi;

/// <summary>
/// A client generated from the gateway's OpenAPI document by a standard generator (Kiota, <c>infra/openapi-client.sh</c>),
/// used as an integrator would: it creates a poll, lists reports with filters, and gets a 401 without a key.
/// </summary>
public sealed class GeneratedClientSpecs
{
    private const string Key = "generated-client-programme-key-0123456789";

    [Fact]
    public async Task A_generated_client_creates_a_poll_lists_reports_with_filters_and_gets_a_401_without_a_key()
    {
        await using var app = Gateway();
        var client = Client(app.CreateClient(Key));

        var poll = await client.Api.Polls.PostAsync(Poll(app, "CLIENT", ("Quel projet ?", "أي مشروع؟"), ("Parc", "حديقة"), ("Stade", "ملعب")));
        Assert.NotNull(poll?.Id);
        Assert.Equal("agadir", poll.Commune);

        using var filed = await app.CreateClient(Key).PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jurisdiction_id"] = "agadir", ["service_code"] = "water", ["description"] = "Pas d'eau depuis hier", ["address_string"] = "Hay Dakhla",
        }));
        Assert.True(filed.IsSuccessStatusCode);
        var reports = await client.Api.Feedback.GetAsync(r =>
        {
            r.QueryParameters.Commune = "agadir";
            r.QueryParameters.Status = GetStatusQueryParameterType.New;
            r.QueryParameters.Category = "water";
            r.QueryParameters.Limit = 10;
        });
        var report = Assert.Single(reports!.Items!);
        Assert.Equal("water", report.Category);
        var none = await client.Api.Feedback.GetAsync(r => r.QueryParameters.Status = GetStatusQueryParameterType.Resolved);
        Assert.Empty(none!.Items!);

        var stranger = Client(app.CreateClient());
        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => stranger.Api.Polls.GetAsync());
        Assert.Equal(401, refused.ResponseStatusCode);
    }

    [Fact]
    public async Task A_generated_client_limits_a_poll_to_an_audience_and_reads_its_results_by_gender_with_the_outside_votes_apart()
    {
        await using var app = Gateway();
        var client = Client(app.CreateClient(Key));
        var request = Poll(app, "JEUNES", ("Quel espace jeunes ?", "أي فضاء للشباب؟"), ("Maison des jeunes", "دار الشباب"), ("Terrain de sport", "ملعب"));
        request.Audience = new PollAudience { AgeBands = ["15-17", "18-24", "25-34"] };

        var poll = await client.Api.Polls.PostAsync(request);
        var read = await client.Api.Polls[poll!.Id!].GetAsync();
        var results = await client.Api.Polls[poll.Id!].Results.GetAsync(r => r.QueryParameters.By = "gender");

        Assert.Equal(["15-17", "18-24", "25-34"], read!.Audience!.AgeBands);
        Assert.Equal(["woman", "man", "unstated", "unknown"], results!.Breakdown!.Select(row => row.Gender));
        Assert.All(results.Breakdown!, row => Assert.Equal(0, row.Votes));
        Assert.Equal(0, results.Outside!.Total);
    }

    private static GatewayApplication Gateway() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "client").With("Admin:ApiKeys:0:Role", "programme");

    /// <summary>A poll of Agadir closing in a week, written in French and Arabic, as the generated model builds it.</summary>
    private static CreatePollRequest Poll(GatewayApplication app, string keyword, (string Fr, string Ar) question, params (string Fr, string Ar)[] options) => new()
    {
        Commune = "agadir",
        Keyword = keyword,
        Question = new CreatePollRequest_question { AdditionalData = new Dictionary<string, object> { ["fr"] = question.Fr, ["ar"] = question.Ar } },
        Options = [.. options.Select(o => new CreatePollRequest_options { AdditionalData = new Dictionary<string, object> { ["fr"] = o.Fr, ["ar"] = o.Ar } })],
        ClosesAt = app.Clock.GetUtcNow().AddDays(7),
    };

    private static GatewayClient Client(HttpClient http) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
}
