using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Polls;

/// <summary>
/// A poll's options understand their own meaning: the civic lexicon (flows/_lexicon.yaml) gives an option whose label it
/// knows the words citizens type for it in every language and script, and the author may choose an option's synonyms.
/// </summary>
public sealed class PollSynonymSpecs
{
    private static object Body(GatewayApplication app, string keyword, Dictionary<string, string>[] options, object? synonyms = null) => new
    {
        commune = "casablanca",
        keyword,
        question = new Dictionary<string, string> { ["fr"] = "Quelle priorité pour le quartier ?", ["ar"] = "ما هي أولوية الحي؟" },
        options,
        synonyms,
        closesAt = app.Clock.GetUtcNow() + TimeSpan.FromDays(7),
    };

    /// <summary>Each answer from a new phone, after the keyword; the simulated tallies say what each picked.</summary>
    private static async Task<long[]> VoteAsync(GatewayApplication app, string poll, string keyword, params string[] answers)
    {
        var http = app.CreateClient();
        for (var i = 0; i < answers.Length; i++)
        {
            var voter = new Voter(http, $"+2126{71000000 + i:D8}");
            await voter.SendAsync(keyword);
            await voter.SendAsync(answers[i]);
        }
        return PollHost.SimulatedTallies(await app.ResultsAsync(poll));
    }

    private static readonly Dictionary<string, string>[] Priorities =
    [
        new() { ["fr"] = "Eau", ["ar"] = "الماء" },
        new() { ["fr"] = "Routes", ["ar"] = "الطرق" },
        new() { ["fr"] = "Éclairage public", ["ar"] = "الإنارة العمومية" },
        new() { ["fr"] = "Santé", ["ar"] = "الصحة" },
    ];

    [Fact]
    public async Task A_poll_written_in_french_and_arabic_only_understands_its_options_typed_in_darija_arabic_french_and_tifinagh()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollFromAsync(Body(app, "PRIORITE", Priorities));

        var tallies = await VoteAsync(app, poll, "PRIORITE",
            // Darija in Latin letters, Arabic script, French, Tifinagh, Amazigh in Latin letters
            "lma", "الما", "l'eau", "ⴰⵎⴰⵏ", "aman",
            "trq", "triq", "الطريق", "routes!!", "ⵉⴱⵔⵉⴷⵏ",
            "ddaw", "الضو", "lumière", "ⵜⴰⴼⴰⵡⵜ",
            "sbitar", "السبيطار", "hôpital", "ⵜⴰⴷⵓⵙⵉ");

        Assert.Equal([5, 5, 4, 4], tallies);
        var view = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{poll}");
        var water = view.GetProperty("synonyms")[0];
        Assert.Contains("lma", water.GetProperty("ary-Latn").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("ⴰⵎⴰⵏ", water.GetProperty("zgh").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task A_word_two_options_share_picks_neither_and_the_question_is_asked_again()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollFromAsync(Body(app, "PUITS", [
            new() { ["fr"] = "Eau potable" },
            new() { ["fr"] = "Eau des champs" },
            new() { ["fr"] = "Routes" },
        ]));

        var http = app.CreateClient();
        var voter = new Voter(http, "+212671100001");
        await voter.SendAsync("PUITS");
        var again = await voter.SendAsync("lma");

        Assert.Contains("Réponse non reconnue", again);
        var tallies = await VoteAsync(app, poll, "PUITS", "potable", "trq");
        Assert.Equal([1, 0, 1], tallies);
    }

    [Fact]
    public async Task Synonyms_the_author_chooses_replace_the_lexicons_for_that_option()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollFromAsync(Body(app, "CHOIX", Priorities[..2],
            synonyms: new object?[] { new Dictionary<string, string[]> { ["fr"] = ["flotte"], ["ary-Latn"] = ["lbir"] }, null }));

        var tallies = await VoteAsync(app, poll, "CHOIX", "flotte", "lbir", "trq", "lma");
        Assert.Equal([2, 1], tallies);
        var view = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{poll}");
        Assert.Equal("""{"fr":["flotte"],"ary-Latn":["lbir"]}""", view.GetProperty("synonyms")[0].GetRawText());
    }

    [Fact]
    public async Task A_synonym_that_is_another_options_text_or_in_an_unknown_language_is_refused()
    {
        await using var app = PollHost.Create();

        var response = await app.Admin().PostAsJsonAsync("/api/polls", Body(app, "CHOIX", Priorities[..2],
            synonyms: new object?[] { new Dictionary<string, string[]> { ["fr"] = ["routes"], ["en"] = ["water"] } }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("synonyms[0]");
        Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.Contains("'routes' is the text of option 2"));
        Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.Contains("Unknown language 'en'"));
    }
}
