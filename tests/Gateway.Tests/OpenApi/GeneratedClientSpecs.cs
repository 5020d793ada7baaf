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
        await using var app = new GatewayApplication()
            .With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "client").With("Admin:ApiKeys:0:Role", "programme");
        var client = Client(app.CreateClient(Key));

        var poll = await client.Api.Polls.PostAsync(new CreatePollRequest
        {
            Commune = "agadir",
            Keyword = "CLIENT",
            Question = new CreatePollRequest_question { AdditionalData = new Dictionary<string, object> { ["fr"] = "Quel projet ?", ["ar"] = "أي مشروع؟" } },
            Options =
            [
                new CreatePollRequest_options { AdditionalData = new Dictionary<string, object> { ["fr"] = "Parc", ["ar"] = "حديقة" } },
                new CreatePollRequest_options { AdditionalData = new Dictionary<string, object> { ["fr"] = "Stade", ["ar"] = "ملعب" } },
            ],
            ClosesAt = app.Clock.GetUtcNow().AddDays(7),
        });
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
        await using var app = new GatewayApplication()
            .With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "client").With("Admin:ApiKeys:0:Role", "programme");
        var client = Client(app.CreateClient(Key));

        var poll = await client.Api.Polls.PostAsync(new CreatePollRequest
        {
            Commune = "agadir",
            Keyword = "JEUNES",
            Question = new CreatePollRequest_question { AdditionalData = new Dictionary<string, object> { ["fr"] = "Quel espace jeunes ?", ["ar"] = "أي فضاء للشباب؟" } },
            Options =
            [
                new CreatePollRequest_options { AdditionalData = new Dictionary<string, object> { ["fr"] = "Maison des jeunes", ["ar"] = "دار الشباب" } },
                new CreatePollRequest_options { AdditionalData = new Dictionary<string, object> { ["fr"] = "Terrain de sport", ["ar"] = "ملعب" } },
            ],
            ClosesAt = app.Clock.GetUtcNow().AddDays(7),
            Audience = new PollAudience { AgeBands = ["15-17", "18-24", "25-34"] },
        });
        var read = await client.Api.Polls[poll!.Id!].GetAsync();
        var results = await client.Api.Polls[poll.Id!].Results.GetAsync(r => r.QueryParameters.By = "gender");

        Assert.Equal(["15-17", "18-24", "25-34"], read!.Audience!.AgeBands);
        Assert.Equal(["woman", "man", "unstated", "unknown"], results!.Breakdown!.Select(row => row.Gender));
        Assert.All(results.Breakdown!, row => Assert.Equal(0, row.Votes));
        Assert.Equal(0, results.Outside!.Total);
    }

    private static GatewayClient Client(HttpClient http) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });
}
