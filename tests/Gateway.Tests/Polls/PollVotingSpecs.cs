using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Polls;

/// <summary>Citizens vote by texting a poll's keyword: the poll is a generated flow run by the real engine.</summary>
public sealed class PollVotingSpecs
{
    [Fact]
    public async Task Two_hundred_phones_vote_over_sms_ussd_and_whatsapp_and_the_results_are_exact()
    {
        // SMS and WhatsApp voters are citizens' phones (Twilio's signed webhook); USSD voters go through the simulator,
        // so the results also show that simulated votes are counted apart and never in the real figures.
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var http = app.CreateClient();
        string[] channels = ["sms", "ussd", "whatsapp"];
        var expected = new long[3];
        var simulated = new long[3];
        var byChannel = new Dictionary<string, long> { ["sms"] = 0, ["ussd"] = 0, ["whatsapp"] = 0 };
        var byLanguage = new Dictionary<string, long> { ["fr"] = 0, ["ar"] = 0 };
        var voters = Enumerable.Range(0, 200).Select(i =>
        {
            var option = i % 7 < 3 ? 1 : i % 7 < 5 ? 2 : 3;
            var channel = channels[i % 3];
            var arabic = i % 5 == 0;
            var real = channel != "ussd";
            (real ? expected : simulated)[option - 1]++;
            if (real)
            {
                byChannel[channel]++;
                byLanguage[arabic ? "ar" : "fr"]++;
            }
            return (Index: i, Voter: new Voter(http, $"+2126{i:D8}", channel, real: real), Option: option, Arabic: arabic);
        }).ToList();

        await Parallel.ForEachAsync(voters, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (v, _) =>
        {
            // Arabic speakers greet first (the script of the first message sets the language); half vote in one message.
            if (v.Arabic) await v.Voter.SendAsync("مرحبا");
            string reply;
            if (v.Index % 2 == 0) reply = await v.Voter.SendAsync($"PROJET {v.Option}");
            else
            {
                Assert.Contains(v.Arabic ? "أي مشروع أولا؟" : "Quel projet en premier ?", await v.Voter.SendAsync("projet"));
                reply = await v.Voter.SendAsync(v.Option.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var label = PollHost.Options[v.Option - 1][v.Arabic ? "ar" : "fr"];
            var expected = v.Arabic ? $"تم تسجيل صوتك: «{label}»" : $"Votre vote « {label} » est enregistré";
            // SMS and USSD fold Latin-script typography to GSM-7 (« » → ") so a part holds 160 characters (a screen 182), not 70 (80).
            if (!v.Arabic && v.Voter.Channel != "whatsapp") expected = Sms(expected);
            Assert.Contains(expected, reply);
        });

        var results = await app.ResultsAsync(poll);
        Assert.Equal(expected.Sum(), results.GetProperty("total").GetInt64());
        Assert.Equal(133, expected.Sum()); // 67 of the 200 voted through the simulator, over USSD
        Assert.Equal(expected, PollHost.Tallies(results));
        Assert.Equal(0, byChannel["ussd"]);
        Assert.Equal(simulated.Sum(), results.GetProperty("simulated").GetProperty("total").GetInt64());
        Assert.Equal(simulated, results.GetProperty("simulated").GetProperty("tallies").EnumerateArray().Select(t => t.GetInt64()).ToArray());
        Assert.Equal("open", results.GetProperty("status").GetString());
        foreach (var (channel, count) in byChannel) Assert.Equal(count, results.GetProperty("channels").GetProperty(channel).GetInt64());
        foreach (var (language, count) in byLanguage) Assert.Equal(count, results.GetProperty("languages").GetProperty(language).GetInt64());
        Assert.Equal("مكتبة", results.GetProperty("options")[1].GetProperty("label").GetProperty("ar").GetString());

        var votes = await app.EventsAsync<PollVoteRecorded>();
        Assert.Equal(200, votes.Count);
        Assert.Equal(200, votes.Select(v => v.ContactId).Distinct().Count());
        Assert.All(votes, v =>
        {
            Assert.Equal((poll, "casablanca", false, (int?)null), (v.PollId, v.Commune, v.Replaced, v.PreviousOption));
            Assert.StartsWith("c", v.ContactId);
            Assert.DoesNotContain("2126", v.ContactId);
        });
        Assert.Equal(expected, Enumerable.Range(1, 3).Select(o => (long)votes.Count(v => v.Option == o && !v.Simulated)).ToArray());
        Assert.Equal(simulated, Enumerable.Range(1, 3).Select(o => (long)votes.Count(v => v.Option == o && v.Simulated)).ToArray());
        Assert.All(votes, v => Assert.Equal(v.Channel == "ussd", v.Simulated));
        Assert.Equal(byChannel["whatsapp"], votes.Count(v => v.Channel == "whatsapp"));
    }

    [Theory]
    [InlineData("TERRAIN379")]
    [InlineData("BUS27")]
    public async Task A_keyword_ending_in_a_number_is_not_read_as_darija_in_latin_letters(string keyword)
    {
        // 3, 7 and 9 are letters in Arabizi ("3la", "7bes"), but a number closing a word is a number: French, not a question.
        await using var app = PollHost.Create();
        await app.CreatePollAsync(keyword);

        var reply = await new Voter(app.CreateClient(), "+212611111119").SendAsync(keyword);

        Assert.Contains("Quel projet en premier ?", reply);
    }

    [Fact]
    public async Task The_keyword_asks_the_question_with_numbered_options_in_the_contact_language_and_whatsapp_gets_buttons()
    {
        await using var app = PollHost.Create();
        await app.CreatePollAsync();
        var http = app.CreateClient();

        var french = await new Voter(http, "+212611111111").SendAsync("Projet");
        Assert.Contains("Quel projet en premier ?\n1. Terrain de sport\n2. Bibliothèque\n3. Parc, jardin \"vert\"", french);

        var arabic = new Voter(http, "+212611111112");
        await arabic.SendAsync("سلام");
        Assert.Contains("أي مشروع أولا؟\n1. ملعب رياضي\n2. مكتبة\n3. حديقة خضراء", await arabic.SendAsync("PROJET"));

        var whatsapp = await new Voter(http, "+212611111113", "whatsapp").SendRawAsync("PROJET");
        var message = whatsapp.GetProperty("replies")[0];
        Assert.Equal("buttons", message.GetProperty("type").GetString());
        Assert.Equal(["Terrain de sport", "Bibliothèque", "Parc, jardin \"vert\""],
            message.GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("title").GetString()));

        var ussd = await new Voter(http, "+212611111114", "ussd").SendAsync("PROJET");
        Assert.StartsWith("CON Quel projet en premier ?", ussd);
    }

    [Theory]
    [InlineData("٢", 2)]          // Arabic-Indic digit
    [InlineData("۳", 3)]          // Extended Arabic-Indic (Persian) digit
    [InlineData("ملعب رياضي", 1)] // the option's Arabic text to a French question
    [InlineData("bibliotheque", 2)] // without the accent
    [InlineData("Tasdlist", 2)]   // Latin-script Amazigh
    [InlineData("ⵓⵔⵜⵓ", 3)]        // Tifinagh
    public async Task Any_script_of_digit_and_the_option_text_in_any_language_pick_the_option(string answer, int option)
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var voter = new Voter(app.CreateClient(), "+212622222222", real: true);

        await voter.SendAsync("PROJET");
        await voter.SendAsync(answer);

        var tallies = PollHost.Tallies(await app.ResultsAsync(poll));
        Assert.Equal(1, tallies[option - 1]);
        Assert.Equal(1, tallies.Sum());
    }

    [Fact]
    public async Task Without_allowChange_a_second_vote_is_refused_politely_and_not_counted()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(allowChange: false);
        var voter = new Voter(app.CreateClient(), "+212633333333", real: true);

        Assert.Contains(Sms("Votre vote « Terrain de sport » est enregistré"), await voter.SendAsync("PROJET 1"));
        var again = await voter.SendAsync("PROJET 2");
        var asked = await voter.SendAsync("PROJET");

        Assert.Contains(Sms("Vous avez déjà voté pour « Terrain de sport »"), again);
        Assert.DoesNotContain("enregistré", again);
        Assert.Contains("déjà voté", asked);
        var results = await app.ResultsAsync(poll);
        Assert.Equal([1L, 0, 0], PollHost.Tallies(results));
        Assert.Equal(1, results.GetProperty("total").GetInt64());
        Assert.Single(await app.EventsAsync<PollVoteRecorded>());
    }

    [Fact]
    public async Task With_allowChange_a_second_vote_replaces_the_first_and_the_total_stays()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(allowChange: true);
        var voter = new Voter(app.CreateClient(), "+212644444444", "whatsapp", real: true);

        await voter.SendAsync("PROJET 1");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = await voter.SendAsync("PROJET 2");

        Assert.Contains("Votre vote précédent (« Terrain de sport ») est remplacé.", changed); // WhatsApp keeps typography
        Assert.Contains("Votre vote « Bibliothèque » est enregistré", changed);
        var results = await app.ResultsAsync(poll);
        Assert.Equal([0L, 1, 0], PollHost.Tallies(results));
        Assert.Equal(1, results.GetProperty("total").GetInt64());
        Assert.Equal(1, results.GetProperty("channels").GetProperty("whatsapp").GetInt64());

        var votes = await app.EventsAsync<PollVoteRecorded>();
        Assert.Equal(2, votes.Count);
        var replaced = Assert.Single(votes, v => v.Replaced);
        Assert.Equal((2, (int?)1), (replaced.Option, replaced.PreviousOption));
        Assert.Equal(votes[0].ContactId, replaced.ContactId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Twenty_concurrent_votes_from_one_phone_count_exactly_once(bool allowChange)
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(allowChange: allowChange);
        var http = app.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => new Voter(http, "+212655555555", real: true).SendAsync($"PROJET {1 + i % 3}")));

        var results = await app.ResultsAsync(poll);
        Assert.Equal(1, results.GetProperty("total").GetInt64());
        Assert.Equal(1, PollHost.Tallies(results).Sum());
        var votes = await app.EventsAsync<PollVoteRecorded>();
        Assert.Equal(allowChange ? votes.Count : 1, votes.Count);
        Assert.Single(votes, v => !v.Replaced);
        // Whatever order the commits took, the tallies are what the events tell: +1 for each option voted, -1 for each replaced.
        var fromEvents = Enumerable.Range(1, 3).Select(o => (long)(votes.Count(v => v.Option == o) - votes.Count(v => v.PreviousOption == o))).ToArray();
        Assert.Equal(fromEvents, PollHost.Tallies(results));
    }

    [Fact]
    public async Task Before_opensAt_the_keyword_answers_that_the_poll_is_not_open_yet()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(opensIn: TimeSpan.FromHours(2));
        var voter = new Voter(app.CreateClient(), "+212666666666", real: true);

        Assert.Contains("Ce sondage n'est pas encore ouvert", await voter.SendAsync("PROJET 1"));
        Assert.Equal(0, (await app.ResultsAsync(poll)).GetProperty("total").GetInt64());
        Assert.Equal("scheduled", (await app.ResultsAsync(poll)).GetProperty("status").GetString());

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Contains(Sms("Votre vote « Terrain de sport » est enregistré"), await voter.SendAsync("PROJET 1"));
    }

    [Fact]
    public async Task A_poll_of_another_commune_is_not_reached_from_this_commune_number()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(commune: "settat");
        var reply = await new Voter(app.CreateClient(), "+212677777777", real: true).SendAsync("PROJET 1");

        Assert.DoesNotContain("enregistré", reply);
        Assert.Equal(0, (await app.ResultsAsync(poll)).GetProperty("total").GetInt64());
    }

    /// <summary>A French text as an SMS carries it: typography outside GSM-7 folded (« Oui » → "Oui").</summary>
    private static string Sms(string text) => Gateway.Text.GsmFolding.Fold(text);
}
