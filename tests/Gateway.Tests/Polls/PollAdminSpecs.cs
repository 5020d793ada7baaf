using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Polls;

/// <summary>The poll admin API: validation, keyword clashes, results as JSON and CSV, and who may see what.</summary>
public sealed class PollAdminSpecs
{
    [Fact]
    public async Task A_created_poll_is_listed_and_read_back_with_its_texts_and_status()
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollAsync(allowChange: true);

        var poll = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{id}");
        Assert.Equal(("casablanca", "PROJET", "open", true), (poll.GetProperty("commune").GetString(), poll.GetProperty("keyword").GetString(),
            poll.GetProperty("status").GetString(), poll.GetProperty("allowChange").GetBoolean()));
        Assert.Equal("أي مشروع أولا؟", poll.GetProperty("question").GetProperty("ar").GetString());
        Assert.Equal(3, poll.GetProperty("options").GetArrayLength());
        Assert.Equal("programme", poll.GetProperty("createdBy").GetString());
        var list = await app.Admin().GetFromJsonAsync<JsonElement>("/api/polls");
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Invalid_polls_are_refused_with_problem_details_naming_each_field()
    {
        await using var app = PollHost.Create();
        var response = await app.Admin().PostAsJsonAsync("/api/polls", new
        {
            commune = "atlantis",
            keyword = "two words",
            question = new Dictionary<string, string> { ["xx"] = "?" },
            options = new[] { new Dictionary<string, string> { ["fr"] = "Seule" } },
            closesAt = app.Clock.GetUtcNow().AddHours(-1),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["closesAt", "commune", "keyword", "options", "question"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task A_poll_needs_two_to_nine_options(int count)
    {
        await using var app = PollHost.Create();
        var options = Enumerable.Range(1, count).Select(i => new Dictionary<string, string> { ["fr"] = $"Option {i}" }).ToArray();
        var response = await app.Admin().PostAsJsonAsync("/api/polls", new
        {
            commune = "casablanca", keyword = "CHOIX", question = PollHost.Question, options, closesAt = app.Clock.GetUtcNow().AddDays(1),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("options", Assert.Single(errors.EnumerateObject()).Name);
    }

    [Theory]
    [InlineData("AVIS")]   // the feedback flow's keyword
    [InlineData("رأي")]    // the same flow's Arabic keyword
    [InlineData("stop")]   // a global command
    [InlineData("Aide")]   // a global command, another case
    [InlineData("PROJET")] // another open poll of the commune
    public async Task A_keyword_already_used_by_a_flow_a_command_or_an_open_poll_is_refused(string keyword)
    {
        await using var app = PollHost.Create();
        await app.CreatePollAsync("PROJET");

        var response = await app.Admin().PostAsJsonAsync("/api/polls", PollHost.Body(app, keyword));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("keyword", out _));
    }

    [Fact]
    public async Task The_same_keyword_is_free_in_another_commune()
    {
        await using var app = PollHost.Create();
        await app.CreatePollAsync("PROJET");

        var response = await app.Admin().PostAsJsonAsync("/api/polls", PollHost.Body(app, "projet", commune: "settat"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task The_csv_holds_the_numbers_of_the_json_with_arabic_intact_for_excel()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var http = app.CreateClient();
        var arabic = new Voter(http, "+212620000000", real: true);
        await arabic.SendAsync("سلام");
        await arabic.SendAsync("PROJET 3");
        for (var i = 1; i <= 4; i++) await new Voter(http, $"+21262000000{i}", i % 2 == 0 ? "whatsapp" : "sms", real: true).SendAsync($"PROJET {1 + i % 2}");
        await new Voter(http, "+212620000009", "ussd").SendAsync("PROJET 3"); // through the simulator: its own section

        var json = await app.ResultsAsync(poll);
        var response = await app.Admin().GetAsync($"/api/polls/{poll}/results.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvReader.Rows(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(["section", "key", "label_fr", "label_ar", "label_zgh", "label_zgh-Latn", "votes"], rows[0]);
        var options = json.GetProperty("options").EnumerateArray().ToList();
        for (var i = 0; i < options.Count; i++)
        {
            var row = rows.Single(r => r[0] == "option" && r[1] == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(options[i].GetProperty("label").GetProperty("fr").GetString(), row[2]);
            Assert.Equal(options[i].GetProperty("label").GetProperty("ar").GetString(), row[3]);
            Assert.Equal(options[i].GetProperty("votes").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), row[6]);
        }
        Assert.Equal("Parc, jardin \"vert\"", rows.Single(r => r[0] == "option" && r[1] == "3")[2]);
        Assert.Equal("حديقة خضراء", rows.Single(r => r[0] == "option" && r[1] == "3")[3]);
        foreach (var channel in json.GetProperty("channels").EnumerateObject())
            Assert.Equal(channel.Value.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Single(r => r[0] == "channel" && r[1] == channel.Name)[6]);
        foreach (var language in json.GetProperty("languages").EnumerateObject())
            Assert.Equal(language.Value.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Single(r => r[0] == "language" && r[1] == language.Name)[6]);
        Assert.Equal("5", rows.Single(r => r[0] == "total")[6]);
        Assert.Equal(5, json.GetProperty("total").GetInt64());
        Assert.Equal(1, json.GetProperty("languages").GetProperty("ar").GetInt64());
        Assert.Equal(3, json.GetProperty("channels").GetProperty("sms").GetInt64());
        Assert.Equal(0, json.GetProperty("channels").GetProperty("ussd").GetInt64());
        Assert.Equal(1, json.GetProperty("simulated").GetProperty("total").GetInt64());
        Assert.Equal("1", rows.Single(r => r[0] == "simulated" && r[1] == "total")[6]);
        Assert.Equal(["0", "0", "1"], rows.Where(r => r[0] == "simulated" && r[1] != "total").Select(r => r[6]));
        Assert.Equal("حديقة خضراء", rows.Single(r => r[0] == "simulated" && r[1] == "3")[3]);
    }

    [Fact]
    public async Task Without_a_valid_key_every_poll_route_answers_401()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();

        foreach (var key in new string?[] { null, "not-a-configured-key-000" })
        {
            var http = app.Admin(key);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/polls")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/polls/{poll}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/polls/{poll}/results")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/polls/{poll}/results.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync($"/api/polls/{poll}/close", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/polls", PollHost.Body(app, "AUTRE"))).StatusCode);
        }
        Assert.Equal("open", (await app.ResultsAsync(poll)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_commune_key_sees_its_own_polls_and_another_commune_poll_is_404()
    {
        await using var app = PollHost.Create();
        var casablanca = await app.CreatePollAsync();
        var settat = app.Admin(PollHost.SettatKey);
        var casa = app.Admin(PollHost.CasablancaKey);

        Assert.Equal(HttpStatusCode.NotFound, (await settat.GetAsync($"/api/polls/{casablanca}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await settat.GetAsync($"/api/polls/{casablanca}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await settat.GetAsync($"/api/polls/{casablanca}/results.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await settat.PostAsync($"/api/polls/{casablanca}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await settat.PostAsJsonAsync("/api/polls", PollHost.Body(app, "AUTRE"))).StatusCode);
        Assert.Equal(0, (await settat.GetFromJsonAsync<JsonElement>("/api/polls")).GetArrayLength());
        Assert.Equal("open", (await app.ResultsAsync(casablanca)).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await casa.GetAsync($"/api/polls/{casablanca}/results")).StatusCode);
        Assert.Equal(casablanca, Assert.Single((await casa.GetFromJsonAsync<JsonElement>("/api/polls")).EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Created, (await settat.PostAsJsonAsync("/api/polls", PollHost.Body(app, "AUTRE", commune: "settat"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().GetAsync("/api/polls/pnotapoll00")).StatusCode);
    }
}
