using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Polls;

/// <summary><c>PUT /api/polls/{id}</c>: texts and closing time editable until the first real vote (issue 26 item 8).</summary>
public sealed class PollEditSpecs
{
    private static object Edit(GatewayApplication app, string question = "Quel projet pour Anfa en premier ?", int options = 3, TimeSpan? closesIn = null) => new
    {
        question = new Dictionary<string, string> { ["fr"] = question, ["ar"] = "أي مشروع لأنفا أولا؟" },
        options = Enumerable.Range(1, options).Select(i => new Dictionary<string, string> { ["fr"] = $"Projet {i} d'Anfa", ["ar"] = $"مشروع {i}" }).ToArray(),
        closesAt = app.Clock.GetUtcNow() + (closesIn ?? TimeSpan.FromDays(14)),
    };

    [Fact]
    public async Task Before_any_vote_an_edit_changes_the_texts_and_closing_time_and_the_next_voter_gets_the_new_question()
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollAsync();
        // A trial from the simulator does not count as a vote: the poll stays editable.
        Assert.Contains("enregistré", await new Voter(app.CreateClient(), "+212612000301").SendAsync("PROJET 1"));

        var response = await app.Admin().PutAsJsonAsync($"/api/polls/{id}", Edit(app));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var poll = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{id}");
        Assert.Equal("Quel projet pour Anfa en premier ?", poll.GetProperty("question").GetProperty("fr").GetString());
        Assert.Equal("PROJET", poll.GetProperty("keyword").GetString());
        Assert.Equal(app.Clock.GetUtcNow().AddDays(14), poll.GetProperty("closesAt").GetDateTimeOffset());
        var asked = await new Voter(app.CreateClient(), "+212612000302", real: true).SendAsync("PROJET");
        Assert.Contains("Quel projet pour Anfa en premier ?", asked);
        Assert.Contains("Projet 2 d'Anfa", asked);
    }

    [Fact]
    public async Task A_console_edit_of_the_question_keeps_the_words_the_author_chose_for_the_options_it_did_not_reword()
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollFromAsync(new
        {
            commune = "casablanca", keyword = "PROJET", question = PollHost.Question, options = PollHost.Options,
            closesAt = app.Clock.GetUtcNow().AddDays(7),
            synonyms = new object?[] { new Dictionary<string, string[]> { ["ary-Latn"] = ["jnan"] }, null, null },
        });
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);
        var poll = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{id}");
        string Lines(string language) => string.Join("\n", poll.GetProperty("options").EnumerateArray().Select(o => o.GetProperty(language).GetString()));

        using var saved = await console.PostFormAsync($"/console/casablanca/polls/{id}/edit", ("_handler", "poll-edit"),
            ("Form.QuestionFr", "Quel projet pour le quartier en premier ?"), ("Form.OptionsFr", Lines("fr")),
            ("Form.QuestionAr", poll.GetProperty("question").GetProperty("ar").GetString()!), ("Form.OptionsAr", Lines("ar")),
            ("Form.QuestionZgh", poll.GetProperty("question").GetProperty("zgh").GetString()!), ("Form.OptionsZgh", Lines("zgh")),
            ("Form.QuestionZghLatn", poll.GetProperty("question").GetProperty("zgh-Latn").GetString()!), ("Form.OptionsZghLatn", Lines("zgh-Latn")),
            ("Form.ClosesAt", "2026-12-20T18:00"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var edited = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{id}");
        Assert.Equal("Quel projet pour le quartier en premier ?", edited.GetProperty("question").GetProperty("fr").GetString());
        Assert.Equal(["jnan"], edited.GetProperty("synonyms")[0].GetProperty("ary-Latn").EnumerateArray().Select(w => w.GetString()));
        var voter = new Voter(app.CreateClient(), "+212612000311");
        Assert.Contains("Quel projet pour le quartier en premier ?", await voter.SendAsync("PROJET"));
        Assert.Contains("Terrain de sport", await voter.SendAsync("jnan")); // the author's word still picks option 1
    }

    [Fact]
    public async Task A_console_edit_of_a_poll_whose_options_have_only_the_lexicon_s_words_saves_and_keeps_them()
    {
        // Two markets: the lexicon gives both options many words, more than an author may give, some of them shared.
        await using var app = PollHost.Create();
        var id = await app.CreatePollFromAsync(new
        {
            commune = "casablanca", keyword = "MARCHE",
            question = new Dictionary<string, string> { ["fr"] = "Quel marché couvrir ?", ["ar"] = "أي سوق نغطي؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Marché central", ["ar"] = "السوق المركزي" },
                new Dictionary<string, string> { ["fr"] = "Souk hebdomadaire", ["ar"] = "السوق الأسبوعي" },
            },
            closesAt = app.Clock.GetUtcNow().AddDays(7),
        });
        var before = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{id}");
        var console = await ConsoleClient.SignInAsync(app, PollHost.CasablancaKey);

        using var saved = await console.PostFormAsync($"/console/casablanca/polls/{id}/edit", ("_handler", "poll-edit"),
            ("Form.QuestionFr", "Quel marché couvrir ?"), ("Form.OptionsFr", "Marché central\nSouk hebdomadaire"),
            ("Form.QuestionAr", "أي سوق بالدار البيضاء نغطي أولا؟"), ("Form.OptionsAr", "السوق المركزي\nالسوق الأسبوعي"),
            ("Form.ClosesAt", "2026-12-20T18:00"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{id}");
        Assert.Equal("أي سوق بالدار البيضاء نغطي أولا؟", after.GetProperty("question").GetProperty("ar").GetString());
        Assert.Equal(before.GetProperty("synonyms").GetRawText(), after.GetProperty("synonyms").GetRawText());
    }

    [Fact]
    public async Task After_the_first_real_vote_an_edit_is_refused_saying_why_and_changes_nothing()
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollAsync();
        Assert.Contains("enregistré", await new Voter(app.CreateClient(), "+212612000303", real: true).SendAsync("PROJET 2"));

        var response = await app.Admin().PutAsJsonAsync($"/api/polls/{id}", Edit(app));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("real votes", await response.Content.ReadAsStringAsync());
        var poll = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{id}");
        Assert.Equal(PollHost.Question["fr"], poll.GetProperty("question").GetProperty("fr").GetString());
    }

    [Fact]
    public async Task A_closed_poll_cannot_be_edited()
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollAsync();
        (await app.Admin().PostAsync($"/api/polls/{id}/close", null)).EnsureSuccessStatusCode();

        var response = await app.Admin().PutAsJsonAsync($"/api/polls/{id}", Edit(app));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("closed", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(2, "options")]
    [InlineData(4, "options")]
    public async Task An_edit_keeps_the_number_of_options(int options, string field)
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollAsync();

        var response = await app.Admin().PutAsJsonAsync($"/api/polls/{id}", Edit(app, options: options));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task An_edit_is_validated_as_a_creation_is()
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollAsync();

        var response = await app.Admin().PutAsJsonAsync($"/api/polls/{id}", Edit(app, question: "", closesIn: TimeSpan.FromHours(-1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["closesAt", "question"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_communes_key_sees_no_poll_to_edit()
    {
        await using var app = PollHost.Create();
        var id = await app.CreatePollAsync();

        var response = await app.Admin(PollHost.SettatKey).PutAsJsonAsync($"/api/polls/{id}", Edit(app));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
