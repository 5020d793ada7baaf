using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Profiles;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Profiles;

/// <summary>
/// The citizen profile in the dialog (issue 24): asked once after a first vote, answered or skipped in at most three
/// messages, never asked again; the vote counts either way, and under the profile once given.
/// </summary>
public sealed class ProfileDialogSpecs
{
    private static readonly Dictionary<string, string> Consent = new()
    {
        ["fr"] = "la commune aimerait savoir qui participe",
        ["ar"] = "تود الجماعة معرفة من يشارك",
        ["zgh"] = "ⵜⵔⴰ ⵜⴰⵊⵎⴰⵄⵜ ⴰⴷ ⵜⵙⵙⵏ",
    };

    private static readonly Dictionary<string, string> AgeQuestion = new()
    {
        ["fr"] = "Votre année de naissance ?", ["ar"] = "سنة ميلادك؟", ["zgh"] = "ⵎⴰⵏ ⴰⵙⴳⴳⵯⴰⵙ ⴳ ⵜⵍⵓⵍⴷ?",
    };

    private static readonly Dictionary<string, string> PlaceQuestion = new()
    {
        ["fr"] = "Votre quartier ou douar ?", ["ar"] = "حيك أو دوارك؟", ["zgh"] = "ⵍⵃⵓⵎⴰ ⵏⵖ ⴷⴷⵓⵡⴰⵔ ⵏⵏⴽ?",
    };

    private static readonly Dictionary<string, string> Done = new()
    {
        ["fr"] = "Merci ! C'est noté.", ["ar"] = "شكرا! تم التسجيل.", ["zgh"] = "ⵜⴰⵏⵎⵎⵉⵔⵜ! ⵉⵜⵜⵓⴳⴰ.",
    };

    /// <summary>The first message that sets the contact's language from its script.</summary>
    private static readonly Dictionary<string, string?> Greeting = new() { ["fr"] = null, ["ar"] = "مرحبا", ["zgh"] = "ⴰⵣⵓⵍ" };

    public static TheoryData<string, string, string> SmsAndWhatsApp => new()
    {
        // channel, language, the year as typed
        { "sms", "fr", "1995" },
        { "sms", "ar", "١٩٩٥" },
        { "sms", "zgh", "1995" },
        { "whatsapp", "fr", "1995" },
        { "whatsapp", "ar", "١٩٩٥" },
        { "whatsapp", "zgh", "1995" },
    };

    [Theory]
    [MemberData(nameof(SmsAndWhatsApp))]
    public async Task A_new_citizen_votes_gives_the_profile_in_three_messages_and_the_vote_moves_to_its_cell(string channel, string language, string year)
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var second = await app.CreatePollAsync(keyword: "PARC");
        var phone = $"+21260000{(channel == "sms" ? 1 : 2)}{language.Length:D3}";
        var citizen = new Voter(app.CreateClient(), phone, channel, real: true);
        if (Greeting[language] is { } hello) await citizen.SendAsync(hello);

        var afterVote = await citizen.SendAsync("PROJET 2");
        Assert.Contains(PollHost.Options[1][language], afterVote); // the vote is confirmed first
        Assert.Contains(Consent[language], afterVote);            // then the consent sentence with the first question
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(poll))).Field("cell:u|u|u:option:2"));

        Assert.Contains(AgeQuestion[language], await citizen.SendAsync("1"));
        Assert.Contains(PlaceQuestion[language], await citizen.SendAsync(year));
        Assert.Contains(Done[language], await citizen.SendAsync("1"));

        var profile = (await app.ExportAsync(phone)).Profile()!.Value;
        Assert.Equal(("woman", 1995, "maarif"), (profile.GetProperty("gender").GetString(), profile.GetProperty("birthYear").GetInt32(), profile.GetProperty("place").GetString()));
        var tally = await app.CounterAsync(ProfileCounters.PollCounter(poll));
        Assert.Equal((0, 1), (tally.Field("cell:u|u|u:option:2"), tally.Field("cell:w|y1995|maarif:option:2")));
        Assert.Equal(1, PollHost.Tallies(await app.ResultsAsync(poll))[1]);
        var participation = await app.ParticipationAsync();
        Assert.Equal((0, 1), (participation.Field($"vote:{channel}:u|u|u"), participation.Field($"vote:{channel}:w|y1995|maarif")));

        // Never asked again: the next vote is counted under the profile at once.
        var next = await citizen.SendAsync("PARC 1");
        Assert.DoesNotContain(Consent[language], next);
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(second))).Field("cell:w|y1995|maarif:option:1"));
    }

    [Theory]
    [InlineData("fr", "Votre age ?", "18-24 ans")] // USSD folds "â" to GSM-7: a screen holds 182 characters, not 80
    [InlineData("ar", "عمرك؟", "18-24 سنة")]
    [InlineData("zgh", "ⵎⵏⵛⴽ ⴷⴰⴳ ⵜⵍⵍⵉⴷ?", "18-24 ⵉⵙⴳⴳⵯⴰⵙⵏ")]
    public async Task On_USSD_the_age_is_a_numbered_band_and_the_whole_profile_follows_the_vote(string language, string ageQuestion, string band)
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var phone = "+21260000130" + language.Length;
        var ussd = new UssdCitizen(app, phone);

        var languageChoice = language switch { "fr" => "1", "ar" => "2", _ => "3" };
        Assert.Contains("1. Français", await ussd.HopAsync(""));
        var menu = await ussd.HopAsync(languageChoice);
        var pollItem = System.Text.RegularExpressions.Regex.Match(menu, @"(\d+)\. " + System.Text.RegularExpressions.Regex.Escape(PollHost.Question[language])).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(pollItem), menu);
        await ussd.HopAsync(pollItem);
        var afterVote = await ussd.HopAsync("2");
        Assert.Contains(Consent[language], afterVote);
        Assert.False(ussd.Ended);

        var age = await ussd.HopAsync("1");
        Assert.Contains(ageQuestion, age);
        Assert.Contains("2. " + band, age);
        Assert.Contains(PlaceQuestion[language], await ussd.HopAsync("2"));
        Assert.Contains(Done[language], await ussd.HopAsync("2"));
        Assert.True(ussd.Ended);

        var profile = (await app.ExportAsync(phone)).Profile()!.Value;
        Assert.Equal(("woman", "18-24", "hay-hassani"), (profile.GetProperty("gender").GetString(), profile.GetProperty("ageBand").GetString(), profile.GetProperty("place").GetString()));
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(poll))).Field("cell:w|b18-24|hay-hassani:option:2"));
        Assert.Equal(1, (await app.ParticipationAsync()).Field("vote:ussd:w|b18-24|hay-hassani"));
    }

    [Fact]
    public async Task A_citizen_who_skips_is_not_asked_again_for_six_months_and_the_vote_counts_all_the_same()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(closesIn: TimeSpan.FromDays(400));
        var second = await app.CreatePollAsync(keyword: "PARC", closesIn: TimeSpan.FromDays(400));
        var third = await app.CreatePollAsync(keyword: "ECOLE", closesIn: TimeSpan.FromDays(400));
        var citizen = new Voter(app.CreateClient(), "+212600001401", "sms", real: true);

        Assert.Contains(Consent["fr"], await citizen.SendAsync("PROJET 2"));
        Assert.Contains("rien n'est enregistr", await citizen.SendAsync("Passer"));
        Assert.DoesNotContain(Consent["fr"], await citizen.SendAsync("PARC 1"));
        app.Clock.Advance(TimeSpan.FromDays(184));

        Assert.Contains(Consent["fr"], await citizen.SendAsync("ECOLE 3"));
        var tallies = PollHost.Tallies(await app.ResultsAsync(poll));
        Assert.Equal(new long[] { 0, 1, 0 }, tallies);
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(second))).Field("cell:u|u|u:option:1"));
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(third))).Field("cell:u|u|u:option:3"));
    }

    [Fact]
    public async Task A_report_and_a_subscription_are_followed_by_the_profile_once()
    {
        await using var app = PollHost.Create();
        var citizen = new Voter(app.CreateClient(), "+212600001501", "sms", real: true);

        await citizen.SendAsync("AVIS");
        await citizen.SendAsync("2");
        await citizen.SendAsync("Pas d'eau depuis trois jours");
        var thanks = await citizen.SendAsync("Passer");
        Assert.Contains("Merci", thanks);
        Assert.Contains(Consent["fr"], thanks);
        await citizen.SendAsync("2");      // man
        await citizen.SendAsync("Passer"); // age
        Assert.Contains(Done["fr"], await citizen.SendAsync("Derb Sultan")); // a place not in the list: "other", with its name

        Assert.Contains("Recevoir", await citizen.SendAsync("ABONNER"));
        var subscribed = await citizen.SendAsync("1");
        Assert.Contains("C'est fait", subscribed);
        Assert.DoesNotContain(Consent["fr"], subscribed);
        var profile = (await app.ExportAsync(citizen.From)).Profile()!.Value;
        Assert.Equal(("man", "other", "Derb Sultan"), (profile.GetProperty("gender").GetString(), profile.GetProperty("place").GetString(), profile.GetProperty("placeOther").GetString()));
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("birthYear").ValueKind);
        var participation = await app.ParticipationAsync();
        Assert.Equal((1, 1, 0), (participation.Field("report:sms:m|u|other"), participation.Field("subscribe:sms:m|u|other"), participation.Field("report:sms:u|u|u")));
    }

    public static TheoryData<string, int?> Years => new()
    {
        // typed, what it reads as (null: asked again with the year message)
        { "25", 2001 },          // an age, not the year 25
        { "٢٥", 2001 },          // the same in Arabic-Indic digits
        { "1990", 1990 },
        { "né en 1988", 1988 },
        { "2030", null },        // in the future
        { "1850", null },        // before 1900
        { "2022", null },        // four years old: a typing slip
        { "5", null },
    };

    [Theory]
    [MemberData(nameof(Years))]
    public async Task A_year_is_read_as_a_citizen_means_it(string typed, int? year)
    {
        await using var app = PollHost.Create();
        await app.CreatePollAsync();
        var citizen = new Voter(app.CreateClient(), "+212600001601", "sms", real: true);
        await citizen.SendAsync("PROJET 2");
        await citizen.SendAsync("1");

        var reply = await citizen.SendAsync(typed);

        if (year is null)
        {
            Assert.Contains("Je n'ai pas compris l'ann", reply);
            Assert.Contains(AgeQuestion["fr"], reply);
            Assert.Equal(JsonValueKind.Null, (await app.ExportAsync(citizen.From)).Profile()!.Value.GetProperty("birthYear").ValueKind);
        }
        else
        {
            Assert.Contains(PlaceQuestion["fr"], reply);
            Assert.Equal(year, (await app.ExportAsync(citizen.From)).Profile()!.Value.GetProperty("birthYear").GetInt32());
        }
    }

    [Fact]
    public async Task Stop_at_a_profile_question_wins_and_the_vote_before_it_stays_counted()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var citizen = new Voter(app.CreateClient(), "+212600001701", "sms", real: true);
        await citizen.SendAsync("PROJET 2");

        Assert.Contains("vous ne recevrez plus aucun message", await citizen.SendAsync("STOP"));

        var export = await app.ExportAsync(citizen.From);
        Assert.True(export.GetProperty("optedOut").GetBoolean());
        Assert.Null(export.GetProperty("conversationInProgress").GetString());
        var tallies = PollHost.Tallies(await app.ResultsAsync(poll));
        Assert.Equal(new long[] { 0, 1, 0 }, tallies);
    }

    [Fact]
    public async Task A_keyword_at_a_profile_question_wins_and_the_profile_is_asked_after_the_next_participation()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(allowChange: true);
        var second = await app.CreatePollAsync(keyword: "PARC");
        var citizen = new Voter(app.CreateClient(), "+212600001801", "sms", real: true);
        await citizen.SendAsync("PROJET 2");

        // A vote sent as the answer: the poll's keyword wins, the vote changes, and the profile is offered again.
        Assert.Contains(Consent["fr"], await citizen.SendAsync("PROJET 3"));
        Assert.Contains("Votre signalement concerne", await citizen.SendAsync("AVIS"));
        var tallies = PollHost.Tallies(await app.ResultsAsync(poll));
        Assert.Equal(new long[] { 0, 0, 1 }, tallies);

        Assert.Contains(Consent["fr"], await citizen.SendAsync("PARC 1"));
        Assert.Contains(AgeQuestion["fr"], await citizen.SendAsync("Femme"));
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(poll))).Field("cell:w|u|u:option:3"));
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(second))).Field("cell:w|u|u:option:1"));
    }

    [Fact]
    public async Task A_USSD_session_that_ends_mid_profile_keeps_the_vote_and_the_answers_given()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var ussd = new UssdCitizen(app, "+212600001901");
        await ussd.HopAsync("");
        var menu = await ussd.HopAsync("1");
        var item = System.Text.RegularExpressions.Regex.Match(menu, @"(\d+)\. Quel projet").Groups[1].Value;
        await ussd.HopAsync(item);
        Assert.Contains(Consent["fr"], await ussd.HopAsync("2"));
        Assert.Contains("Votre age ?", await ussd.HopAsync("2")); // man, then the operator's session times out

        ussd.NewSession();
        var again = await ussd.HopAsync("");

        Assert.DoesNotContain("Votre age ?", again);
        Assert.Equal(1, (await app.CounterAsync(ProfileCounters.PollCounter(poll))).Field("cell:m|u|u:option:2"));
        Assert.Equal("man", (await app.ExportAsync("+212600001901")).Profile()!.Value.GetProperty("gender").GetString());
    }

    [Fact]
    public async Task PROFIL_shows_the_profile_and_a_change_moves_every_count_to_the_new_cell()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var citizen = new Voter(app.CreateClient(), "+212600002001", "sms", real: true);
        await citizen.SendAsync("PROJET 2");
        await citizen.SendAsync("1");
        await citizen.SendAsync("1995");
        await citizen.SendAsync("2");

        Assert.Contains("Votre profil : femme, né(e) en 1995, Hay Hassani.", await citizen.SendAsync("PROFIL"));
        Assert.Contains(Consent["fr"], await citizen.SendAsync("Changer"));
        await citizen.SendAsync("3");      // prefers not to say
        await citizen.SendAsync("Passer"); // keeps the year
        Assert.Contains(Done["fr"], await citizen.SendAsync("Passer"));

        var tally = await app.CounterAsync(ProfileCounters.PollCounter(poll));
        Assert.Equal((0, 1), (tally.Field("cell:w|y1995|hay-hassani:option:2"), tally.Field("cell:s|y1995|hay-hassani:option:2")));
        var participation = await app.ParticipationAsync();
        Assert.Equal((0, 1), (participation.Field("vote:sms:w|y1995|hay-hassani"), participation.Field("vote:sms:s|y1995|hay-hassani")));
        var consent = (await app.ExportAsync(citizen.From)).GetProperty("consent").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("topic").GetString())).ToArray();
        Assert.Equal([("profile-consent", null), ("profile-change", "gender"), ("profile-change", "age"), ("profile-change", "place"), ("profile-change", "gender")], consent);
    }

    [Theory]
    [InlineData("PROFIL")]
    [InlineData("ملفي")]
    [InlineData("بروفيل")]
    [InlineData("TAMAGIT")]
    [InlineData("ⵜⴰⵎⴰⴳⵉⵜ")]
    public async Task PROFIL_in_each_language_erases_the_profile_and_its_cells_go_back_to_unknown(string keyword)
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var citizen = new Voter(app.CreateClient(), "+212600002101", "sms", real: true);
        await citizen.SendAsync("PROJET 2");
        await citizen.SendAsync("2");
        await citizen.SendAsync("30");
        await citizen.SendAsync("1");

        await citizen.SendAsync(keyword);
        await citizen.SendAsync("2");

        var export = await app.ExportAsync(citizen.From);
        var profile = export.Profile()!.Value;
        Assert.All(new[] { "gender", "birthYear", "ageBand", "place", "placeOther" }, p => Assert.Equal(JsonValueKind.Null, profile.GetProperty(p).ValueKind));
        Assert.Contains(export.GetProperty("consent").EnumerateArray(), e => e.GetProperty("action").GetString() == "profile-erase");
        var tally = await app.CounterAsync(ProfileCounters.PollCounter(poll));
        Assert.Equal((0, 1), (tally.Field("cell:m|y1996|maarif:option:2"), tally.Field("cell:u|u|u:option:2")));
    }

    [Fact]
    public async Task Erasing_a_contact_keeps_its_vote_in_the_tallies_but_no_longer_under_its_profiles_cell()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var citizen = new Voter(app.CreateClient(), "+212600002401", "sms", real: true);
        await citizen.SendAsync("PROJET 2");
        await citizen.SendAsync("1");

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await app.Admin().DeleteAsync("/api/contacts/" + Uri.EscapeDataString(citizen.From))).StatusCode);

        var tally = await app.CounterAsync(ProfileCounters.PollCounter(poll));
        Assert.Equal((0, 1), (tally.Field("cell:w|u|u:option:2"), tally.Field("cell:u|u|u:option:2")));
        Assert.Equal((0, 1), ((await app.ParticipationAsync()).Field("vote:sms:w|u|u"), (await app.ParticipationAsync()).Field("vote:sms:u|u|u")));
        var tallies = PollHost.Tallies(await app.ResultsAsync(poll));
        Assert.Equal(new long[] { 0, 1, 0 }, tallies);
    }

    [Fact]
    public async Task The_simulator_never_asks_nor_changes_a_real_citizens_profile()
    {
        await using var app = PollHost.Create();
        await app.CreatePollAsync(allowChange: true);
        var real = new Voter(app.CreateClient(), "+212600002201", "sms", real: true);
        await real.SendAsync("PROJET 2");
        await real.SendAsync("1");
        var staff = new Voter(app.CreateClient(), "+212600002201", "sms");

        Assert.DoesNotContain(Consent["fr"], await staff.SendAsync("PROJET 1"));
        await staff.SendAsync("PROFIL");
        await staff.SendAsync("Effacer");

        Assert.Equal("woman", (await app.ExportAsync(real.From)).Profile()!.Value.GetProperty("gender").GetString());
    }

    [Fact]
    public async Task A_phone_only_the_simulator_used_is_asked_so_staff_can_try_the_profile_and_nothing_enters_real_counts()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var staff = new Voter(app.CreateClient(), "+212600002301", "sms");

        Assert.Contains(Consent["fr"], await staff.SendAsync("PROJET 2"));
        await staff.SendAsync("1");

        Assert.Equal("woman", (await app.ExportAsync(staff.From)).Profile()!.Value.GetProperty("gender").GetString());
        Assert.DoesNotContain((await app.CounterAsync(ProfileCounters.PollCounter(poll))).Keys, k => k.StartsWith("cell:", StringComparison.Ordinal));
    }
}
