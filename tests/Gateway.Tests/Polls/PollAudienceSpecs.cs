using System.Text.Json;
using System.Text.Json.Nodes;
using System.Net.Http.Json;
using Gateway.Profiles;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Profiles;

namespace Gateway.Tests.Polls;

/// <summary>
/// A poll limited to an audience (issue 24), e.g. 15–34 for a youth council: a voter whose profile lacks the answer it
/// needs is asked that one question before the vote counts; votes from outside it, or skipped, are answered politely and
/// counted apart, shown apart in the results and never in the tallies, channels, languages or profile cells.
/// </summary>
public sealed class PollAudienceSpecs
{
    private static readonly string[] Youth = ["15-17", "18-24", "25-34"];

    /// <summary>A Casablanca poll (<see cref="PollHost.Body"/>) for <paramref name="audience"/>.</summary>
    public static async Task<string> CreateLimitedPollAsync(GatewayApplication app, object audience, bool allowChange = false)
    {
        var body = JsonSerializer.SerializeToNode(PollHost.Body(app, allowChange: allowChange), JsonSerializerOptions.Web)!.AsObject();
        body["audience"] = JsonSerializer.SerializeToNode(audience, JsonSerializerOptions.Web);
        return await app.CreatePollFromAsync(body);
    }

    /// <summary>The votes counted apart: their total, then the count per option ("1 : 0,1,0").</summary>
    private static string Outside(JsonElement results) =>
        results.GetProperty("outside").GetProperty("total").GetInt64() + " : "
        + string.Join(",", results.GetProperty("outside").GetProperty("tallies").EnumerateArray().Select(t => t.GetInt64()));

    [Fact]
    public async Task A_15_34_poll_asks_a_new_voter_the_age_first_and_counts_only_the_audience()
    {
        await using var app = PollHost.Create();
        var poll = await CreateLimitedPollAsync(app, new { ageBands = Youth });

        // Inside: asked the year with the consent sentence, before any confirmation; counted once answered.
        var young = new Voter(app.CreateClient(), "+212600001001", real: true);
        var asked = await young.SendAsync("PROJET 2");
        Assert.Contains("Ce sondage est pour : 15-34 ans", asked);
        Assert.Contains("loi 09-08", asked);
        Assert.Contains("votre année de naissance ?", asked);
        Assert.DoesNotContain("est enregistré", asked);
        var counted = await young.SendAsync("1998");
        Assert.Contains("Votre vote \"Bibliothèque\" est enregistré", counted);
        Assert.DoesNotContain("la commune aimerait savoir", counted); // the profile has an answer: not offered again
        Assert.Equal(1998, (await app.ExportAsync(young.From)).Profile()!.Value.GetProperty("birthYear").GetInt32());

        // Outside: told politely, counted apart.
        var elder = new Voter(app.CreateClient(), "+212600001002", real: true);
        await elder.SendAsync("PROJET 1");
        var apart = await elder.SendAsync("1960");
        Assert.Contains("Ce sondage est pour : 15-34 ans. Votre vote \"Terrain de sport\" est noté à part", apart);
        Assert.Equal(1960, (await app.ExportAsync(elder.From)).Profile()!.Value.GetProperty("birthYear").GetInt32());

        // Skipped: apart too.
        var shy = new Voter(app.CreateClient(), "+212600001003", real: true);
        await shy.SendAsync("PROJET 3");
        Assert.Contains("est noté à part", await shy.SendAsync("Passer"));

        // A profile that answers already: no question.
        var known = new Voter(app.CreateClient(), "+212600001004", real: true);
        Assert.Contains("Pour que chacun soit entendu", await known.SendAsync("PROFIL"));
        await known.SendAsync("2");
        await known.SendAsync("2004");
        await known.SendAsync("Passer");
        var direct = await known.SendAsync("PROJET 2");
        Assert.Contains("Votre vote \"Bibliothèque\" est enregistré", direct);
        Assert.DoesNotContain("Ce sondage est pour", direct);

        var results = await app.ResultsAsync(poll);
        Assert.Equal([0, 2, 0], PollHost.Tallies(results));
        Assert.Equal(2, results.GetProperty("total").GetInt64());
        Assert.Equal(2, results.GetProperty("channels").GetProperty("sms").GetInt64());
        Assert.Equal("2 : 1,0,1", Outside(results));
        var tally = await app.CounterAsync(ProfileCounters.PollCounter(poll));
        Assert.Equal(2, tally.Where(f => f.Key.StartsWith("cell:", StringComparison.Ordinal)).Sum(f => f.Value));
        Assert.Equal((2, 1, 1), (tally.Field("outside:total"), tally.Field("outside:option:1"), tally.Field("outside:option:3")));
    }

    [Fact]
    public async Task Stop_during_the_question_wins_and_the_vote_stays_counted_apart()
    {
        await using var app = PollHost.Create();
        var poll = await CreateLimitedPollAsync(app, new { ageBands = Youth });
        var citizen = new Voter(app.CreateClient(), "+212600001011", real: true);
        await citizen.SendAsync("PROJET 2");

        Assert.Contains("vous ne recevrez plus aucun message", await citizen.SendAsync("STOP"));
        var results = await app.ResultsAsync(poll);
        Assert.Equal([0, 0, 0], PollHost.Tallies(results));
        Assert.Equal("1 : 0,1,0", Outside(results));
        Assert.True((await app.ExportAsync(citizen.From)).GetProperty("optedOut").GetBoolean());
    }

    [Fact]
    public async Task A_keyword_during_the_question_wins_and_the_vote_stays_counted_apart_not_lost()
    {
        await using var app = PollHost.Create();
        var poll = await CreateLimitedPollAsync(app, new { ageBands = Youth });
        var citizen = new Voter(app.CreateClient(), "+212600001021", real: true);
        await citizen.SendAsync("PROJET 3");

        Assert.Contains("Pour que chacun soit entendu", await citizen.SendAsync("PROFIL"));
        Assert.Equal("1 : 0,0,1", Outside(await app.ResultsAsync(poll)));
        // The poll's keyword again: the vote was taken (apart), one phone one vote.
        Assert.Contains("Vous avez déjà voté pour \"Parc", await citizen.SendAsync("PROJET 1"));
        var after = await app.ResultsAsync(poll);
        Assert.Equal([0, 0, 0], PollHost.Tallies(after));
    }

    [Fact]
    public async Task A_changed_vote_stays_on_the_side_where_it_was_counted()
    {
        await using var app = PollHost.Create();
        var poll = await CreateLimitedPollAsync(app, new { ageBands = Youth }, allowChange: true);
        var elder = new Voter(app.CreateClient(), "+212600001031", real: true);
        await elder.SendAsync("PROJET 1");
        await elder.SendAsync("1950");
        Assert.Contains("est noté à part", await elder.SendAsync("PROJET 3"));
        var young = new Voter(app.CreateClient(), "+212600001032", real: true);
        await young.SendAsync("PROJET 1");
        await young.SendAsync("2001");
        Assert.Contains("est remplacé", await young.SendAsync("PROJET 2"));

        var results = await app.ResultsAsync(poll);
        Assert.Equal([0, 1, 0], PollHost.Tallies(results));
        Assert.Equal("1 : 0,0,1", Outside(results));
    }

    [Theory]
    [InlineData("ar", "مرحبا", "هذا الاستطلاع موجه إلى: 15-34 سنة", "سجلنا صوتك «مكتبة» على حدة")]
    [InlineData("zgh", "ⴰⵣⵓⵍ", "ⴰⵙⵇⵙⵉ ⴰⴷ ⵉ: 15-34 ⵉⵙⴳⴳⵯⴰⵙⵏ", "ⴰⵙⵜⴰⵢ ⵏⵏⴽ «ⵜⴰⵙⴷⵍⵉⵙⵜ» ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵙ ⵉⵎⵉⵏ ⵏⵏⵙ")]
    public async Task On_WhatsApp_the_question_and_the_polite_answer_are_in_the_citizens_language(string language, string hello, string question, string apart)
    {
        await using var app = PollHost.Create();
        var poll = await CreateLimitedPollAsync(app, new { ageBands = Youth });
        var citizen = new Voter(app.CreateClient(), "+21260000104" + language.Length, "whatsapp", real: true);
        await citizen.SendAsync(hello);

        Assert.Contains(question, await citizen.SendAsync("PROJET 2"));
        Assert.Contains(apart, await citizen.SendAsync("١٩٥٥"));
        Assert.Equal("1 : 0,1,0", Outside(await app.ResultsAsync(poll)));
    }

    [Theory]
    [InlineData("2", "18-24 سنة", "1. 15-17 سنة")]
    [InlineData("3", "18-24 ⵉⵙⴳⴳⵯⴰⵙⵏ", "1. 15-17 ⵉⵙⴳⴳⵯⴰⵙⵏ")]
    public async Task On_USSD_the_age_is_a_numbered_band_and_the_vote_counts_once_given(string languageChoice, string band, string firstBand)
    {
        await using var app = PollHost.Create();
        var poll = await CreateLimitedPollAsync(app, new { ageBands = Youth });
        var phone = "+21260000105" + languageChoice;
        var ussd = new UssdCitizen(app, phone);
        await ussd.HopAsync("");
        var menu = await ussd.HopAsync(languageChoice);
        var question = languageChoice == "2" ? PollHost.Question["ar"] : PollHost.Question["zgh"];
        var pollItem = System.Text.RegularExpressions.Regex.Match(menu, @"(\d+)\. " + System.Text.RegularExpressions.Regex.Escape(question)).Groups[1].Value;
        await ussd.HopAsync(pollItem);

        var asked = await ussd.HopAsync("2");
        Assert.False(ussd.Ended);
        Assert.Contains(firstBand, asked);
        Assert.Contains("2. " + band, asked);
        await ussd.HopAsync("2");
        Assert.True(ussd.Ended);

        var results = await app.ResultsAsync(poll);
        Assert.Equal([0, 1, 0], PollHost.Tallies(results));
        Assert.Equal(1, results.GetProperty("channels").GetProperty("ussd").GetInt64());
        Assert.Equal("0 : 0,0,0", Outside(results));
        Assert.Equal("18-24", (await app.ExportAsync(phone)).Profile()!.Value.GetProperty("ageBand").GetString());
    }

    [Fact]
    public async Task A_poll_for_women_of_a_place_asks_each_missing_answer_and_counts_the_voter_in()
    {
        await using var app = PollHost.Create();
        var poll = await CreateLimitedPollAsync(app, new { genders = new[] { "woman" }, places = new[] { "maarif" } });
        var citizen = new Voter(app.CreateClient(), "+212600001061", real: true);

        Assert.Contains("Ce sondage est pour : femmes, Maarif", await citizen.SendAsync("PROJET 2"));
        Assert.Contains("votre quartier ou douar ?", await citizen.SendAsync("1"));
        Assert.Contains("est enregistré", await citizen.SendAsync("Maarif"));
        var results = await app.ResultsAsync(poll);
        Assert.Equal([0, 1, 0], PollHost.Tallies(results));
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(poll))).Field("cell:w|u|maarif:option:2"));
    }
}

/// <summary>The audience through the admin API: accepted, shown, edited, and refused with a sentence naming the field.</summary>
public sealed class PollAudienceApiSpecs
{
    public static TheoryData<string, string, string> Refused => new()
    {
        // audience JSON, field, part of the problem
        { """{"ageBands": ["15-34"]}""", "audience.ageBands", "Unknown age band '15-34'" },
        { """{"genders": ["female"]}""", "audience.genders", "Unknown gender 'female'" },
        { """{"places": ["talborjt"]}""", "audience.places", "Unknown place 'talborjt'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_unknown_band_gender_or_place_is_refused_naming_the_field(string audience, string field, string problem)
    {
        await using var app = PollHost.Create();
        var body = JsonSerializer.SerializeToNode(PollHost.Body(app), JsonSerializerOptions.Web)!.AsObject();
        body["audience"] = JsonNode.Parse(audience);

        var response = await app.Admin().PostAsJsonAsync("/api/polls", body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(problem, errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task The_audience_is_shown_by_the_poll_and_replaced_by_an_edit()
    {
        await using var app = PollHost.Create();
        var poll = await PollAudienceSpecs.CreateLimitedPollAsync(app, new { ageBands = new[] { "18-24", "18-24" }, places = new[] { "maarif" } });

        var shown = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{poll}");
        Assert.Equal("18-24", Assert.Single(shown.GetProperty("audience").GetProperty("ageBands").EnumerateArray()).GetString());
        Assert.Equal("maarif", Assert.Single(shown.GetProperty("audience").GetProperty("places").EnumerateArray()).GetString());

        var edit = await app.Admin().PutAsJsonAsync($"/api/polls/{poll}", new
        {
            question = PollHost.Question, options = PollHost.Options, closesAt = app.Clock.GetUtcNow().AddDays(3),
            audience = new { genders = new[] { "woman", "man", "unstated" } },
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, edit.StatusCode);
        var edited = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{poll}");
        Assert.Equal(3, edited.GetProperty("audience").GetProperty("genders").GetArrayLength());
        Assert.Equal(0, edited.GetProperty("audience").GetProperty("ageBands").GetArrayLength());

        var cleared = await app.Admin().PutAsJsonAsync($"/api/polls/{poll}", new
        {
            question = PollHost.Question, options = PollHost.Options, closesAt = app.Clock.GetUtcNow().AddDays(3),
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{poll}")).GetProperty("audience").ValueKind);
    }
}
