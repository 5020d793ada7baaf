using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Conversations;

/// <summary>
/// Issue 18's cases, each as a new citizen would try it over the simulator: the language from the first word, answers
/// understood as people type them, conversations that keep their place, texts worth reading. The cases share two
/// gateways (<see cref="SharedGateway"/>), each with a phone number of its own.
/// </summary>
public sealed class NativeConversationSpecs(SharedGateway gateway, NativeConversationSpecs.YesNoPoll yesNo)
    : IClassFixture<SharedGateway>, IClassFixture<NativeConversationSpecs.YesNoPoll>
{
    [Theory]
    [InlineData("مساعدة", "أرسل رأي لمشكل")]
    [InlineData("القائمة", "ماذا تريد أن تفعل")]
    [InlineData("ⵜⴰⵡⵉⵙⵉ", "ⴰⵡⴰⵍ: ⴰⵎⵓⴽⵔⴰⵙ")]
    [InlineData("ⵜⴰⵍⴳⴰⵎⵜ", "ⵎⴰⵏ ⵜⵔⵉⴷ ⴰⴷ ⵜⴳⴷ")]
    [InlineData("TILGHA", "Matta tajmaat nnk?")]
    [InlineData("AWAL", "Matta tajmaat nnk?")]
    [InlineData("TAWISI", "AWAL: amukras")]
    public async Task A_first_message_that_is_a_command_in_Arabic_or_Tifinagh_or_Latin_Amazigh_is_answered_in_that_language_and_it_sticks(string first, string expected)
    {
        var phone = gateway.NewPhone();

        Assert.Contains(expected, (await phone.SendAsync(first)).Text);
        var next = await phone.SendAsync("؟؟ xyz");

        Assert.DoesNotContain("Je n'ai pas compris", next.Text);
        Assert.DoesNotContain("Réponse non reconnue", next.Text);
    }

    [Fact]
    public async Task A_first_STOP_in_Arabic_is_confirmed_in_Arabic()
    {
        var phone = gateway.NewPhone();

        Assert.Contains("لن تتوصل بأي رسالة", (await phone.SendAsync("توقف")).Text);
    }

    [Theory]
    [InlineData("salam")]
    [InlineData("Slm")]
    [InlineData("labas")]
    [InlineData("salam khoya")]
    [InlineData("wach kayn chi haja")]
    public async Task Latin_script_Darija_first_messages_get_the_language_question_in_every_script(string first)
    {
        var phone = gateway.NewPhone();

        var reply = await phone.SendAsync(first);

        Assert.Contains("اللغة", reply.Text);
        Assert.Contains("Langue", reply.Text);
        Assert.Contains("ⵜⵓⵜⵍⴰⵢⵜ", reply.Text);
        Assert.Contains("ماذا تريد أن تفعل", (await phone.SendAsync("2")).Text);
    }

    [Theory]
    [InlineData("Azul", "Ansuf ghr uzrig")]
    [InlineData("azul fellawn", "Ansuf ghr uzrig")]
    [InlineData("Bonjour", "Bienvenue sur la ligne citoyenne")]
    [InlineData("bonsoir", "Bienvenue sur la ligne citoyenne")]
    public async Task Latin_script_Amazigh_and_French_greetings_are_answered_in_their_language(string first, string expected)
    {
        var phone = gateway.NewPhone();

        Assert.Contains(expected, (await phone.SendAsync(first)).Text);
    }

    [Fact]
    public async Task A_known_contacts_chosen_language_is_never_overridden_by_what_they_write()
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync("LANGUE", "1");

        Assert.Contains("Que voulez-vous faire", (await phone.SendAsync("القائمة")).Text);
        Assert.Contains("Que voulez-vous faire", (await phone.SendAsync("ⵜⴰⵍⴳⴰⵎⵜ")).Text);
    }

    [Theory]
    [InlineData("ouais")]
    [InlineData("d'accord")]
    [InlineData("iyeh")]
    [InlineData("wakha")]
    [InlineData("واخا")]
    [InlineData("إيه")]
    [InlineData("ouii")]
    [InlineData("waxa")]
    [InlineData("yyih")]
    [InlineData("ⵢⵢⵉⵀ")]
    [InlineData("oui merci")]
    [InlineData("نعم شكرا")]
    public async Task In_a_poll_with_yes_no_options_yes_words_of_every_language_count(string yes) =>
        Assert.Equal(1, await VoteInYesNoPollAsync(yes));

    [Theory]
    [InlineData("la")]
    [InlineData("lla")]
    [InlineData("Non merci")]
    [InlineData("لا")]
    [InlineData("uhu")]
    [InlineData("ⵓⵀⵓ")]
    public async Task In_a_poll_with_yes_no_options_no_words_of_every_language_count(string no) =>
        Assert.Equal(2, await VoteInYesNoPollAsync(no));

    [Theory]
    [InlineData("ouii", "C'est fait")]
    [InlineData("waxa", "C'est fait")]
    [InlineData("yyih", "C'est fait")]
    [InlineData("ⵢⵢⵉⵀ", "C'est fait")]
    [InlineData("oui merci", "C'est fait")]
    [InlineData("نعم شكرا", "C'est fait")]
    [InlineData("Non merci", "ne recevrez pas les alertes")]
    [InlineData("nooon", "ne recevrez pas les alertes")]
    public async Task In_a_flow_question_yes_no_words_with_repeated_letters_or_politeness_count(string answer, string expected)
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync("ABONNER", "4");

        Assert.Contains(expected, (await phone.SendAsync(answer)).Text);
    }

    [Theory]
    [InlineData("option 2", "water")]
    [InlineData("2 svp", "water")]
    [InlineData("numero 2", "water")]
    [InlineData("n°2", "water")]
    [InlineData("الرقم 2", "water")]
    [InlineData("٢ الماء", "water")]
    [InlineData("deux", "water")]
    [InlineData("jouj", "water")]
    [InlineData("sin", "water")]
    [InlineData("l'eau", "water")]
    [InlineData("rouets", "roads")]
    [InlineData("Déchet svp", "waste")]
    [InlineData("tlata", "lighting")]
    public async Task Answers_with_a_digit_and_words_number_words_elisions_and_typos_pick_the_option(string answer, string category)
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync("AVIS", "4");

        var filed = await phone.SayAsync(answer, "Fuite devant l'école", "1");

        Assert.Equal(category, Assert.Single(await gateway.EventsOfAsync<FeedbackReceived>(r => r.ContactId, filed.ContactId)).Category);
    }

    [Theory]
    [InlineData("2 ou 3")]
    [InlineData("peut-être")]
    [InlineData("merci")]
    public async Task An_answer_that_picks_nothing_sure_is_asked_again(string answer)
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync("AVIS", "4");

        var reply = await phone.SendAsync(answer);

        Assert.Contains("Réponse non reconnue", reply.Text);
        Assert.Contains("Votre signalement concerne", reply.Text);
    }

    [Fact]
    public async Task A_place_that_contains_a_number_is_taken_as_the_place_not_as_an_option()
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync("AVIS", "4", "2", "Fuite d'eau");

        var filed = await phone.SendAsync("Douar 1");

        Assert.Equal("Douar 1", Assert.Single(await gateway.EventsOfAsync<FeedbackReceived>(r => r.ContactId, filed.ContactId)).Place);
    }

    [Theory]
    [InlineData("fr", "AVIS 2")]
    [InlineData("ar", "رأي 2")]
    public async Task A_keyword_followed_by_a_number_means_the_same_for_a_new_and_a_known_contact(string language, string message)
    {
        var known = gateway.NewPhone();
        var knownId = (await known.SayAsync(language == "fr" ? "ABONNER" : "اشتراك", "4", "1")).ContactId;
        var newcomer = gateway.NewPhone();

        Assert.Matches("Décrivez le problème|صف المشكل", (await known.SendAsync(message)).Text);
        Assert.Matches("Votre commune|ما هي جماعتك", (await newcomer.SendAsync(message)).Text);
        Assert.Matches("Décrivez le problème|صف المشكل", (await newcomer.SendAsync("4")).Text);
        await known.SayAsync("Fuite d'eau", "1");
        var newcomerId = (await newcomer.SayAsync("Fuite d'eau", "1")).ContactId;

        var reports = await gateway.EventsOfAsync<FeedbackReceived>(r => r.ContactId, knownId, newcomerId);
        Assert.Equal(["water", "water"], reports.Select(r => r.Category));
        Assert.All(reports, r => Assert.Equal("agadir", r.Commune));
    }

    [Fact]
    public async Task A_poll_keyword_from_a_contact_without_a_commune_number_works_through_the_contacts_commune()
    {
        await using var app = PollHost.Create();
        await app.CreatePollAsync(keyword: "PROJET");
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212666000012");
        await phone.SayAsync("ABONNER", "1", "1"); // Casablanca, written to the generic number

        Assert.Contains("Quel projet en premier ?", (await phone.SendAsync("PROJET")).Text);
        Assert.Contains("Votre vote \"Bibliothèque\" est enregistré", (await phone.SendAsync("2")).Text);
    }

    [Fact]
    public async Task A_poll_keyword_from_a_contact_whose_commune_is_unknown_asks_the_commune_then_the_poll()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(keyword: "PROJET");
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212666000013");

        var asked = await phone.SendAsync("PROJET 2");
        Assert.Contains("Votre commune", asked.Text);
        Assert.Contains("Casablanca", asked.Text);

        // The number given with the keyword was the vote, not the commune: it is counted once the commune is known.
        Assert.Contains("Votre vote \"Bibliothèque\" est enregistré", (await phone.SendAsync("casa")).Text);
        var tallies = PollHost.SimulatedTallies(await app.ResultsAsync(poll)); // the simulator's votes are counted apart
        Assert.Equal(new long[] { 0, 1, 0 }, tallies);
    }

    [Theory]
    [InlineData("Il n'y a pas d'eau depuis 3 jours dans notre quartier", "Votre commune", "ما هي جماعتك")]
    [InlineData("ما كاينش الماء في الحي ديالنا هادي تلاتة أيام", "ما هي جماعتك", "Votre commune")]
    public async Task A_first_message_that_reads_like_a_report_is_offered_as_the_start_of_a_report_and_not_lost(string report, string expected, string notExpected)
    {
        var phone = gateway.NewPhone();

        var reply = await phone.SendAsync(report);
        Assert.Contains(expected, reply.Text);
        Assert.DoesNotContain(notExpected, reply.Text);

        var filed = await phone.SayAsync("4", "2", "1");
        var received = Assert.Single(await gateway.EventsOfAsync<FeedbackReceived>(r => r.ContactId, filed.ContactId));
        Assert.Equal(report, received.Text);
        Assert.Equal("water", received.Category);
    }

    [Fact]
    public async Task A_first_report_in_Darija_Latin_letters_is_kept_while_the_language_is_asked()
    {
        var phone = gateway.NewPhone();
        const string report = "slm bghit nchki 3la lma makaynch f derb";

        Assert.Contains("اللغة", (await phone.SendAsync(report)).Text);
        Assert.Contains("ما هي جماعتك", (await phone.SendAsync("2")).Text);
        var filed = await phone.SayAsync("4", "2", "1");

        Assert.Equal(report, Assert.Single(await gateway.EventsOfAsync<FeedbackReceived>(r => r.ContactId, filed.ContactId)).Text);
    }

    [Fact]
    public async Task Subscribing_twice_says_already_subscribed_and_no_does_not_unsubscribe()
    {
        var phone = gateway.NewPhone();
        var subscribed = await phone.SayAsync("ABONNER", "4", "1");

        Assert.Contains("Vous etes déjà abonné(e) aux dates des réunions d'Agadir", (await phone.SendAsync("ABONNER")).Text);
        Assert.Contains("Rien ne change", (await phone.SendAsync("Non")).Text);
        Assert.Empty(await gateway.EventsOfAsync<ContactOptedOut>(e => e.ContactId, subscribed.ContactId));
    }

    [Theory]
    [InlineData("4", "réunions du conseil d'Agadir")]
    [InlineData("10", "réunions du conseil d'Al Hoceima")] // as an SMS carries it: ï is not GSM-7
    [InlineData("7", "réunions du conseil d'Oujda")]
    [InlineData("1", "réunions du conseil de Casablanca")]
    [InlineData("11", "réunions du conseil de Béni Mellal")]
    public async Task French_elides_de_before_a_name_that_starts_with_a_vowel(string commune, string expected)
    {
        var phone = gateway.NewPhone();
        await phone.SendAsync("ABONNER");

        Assert.Contains(expected, (await phone.SendAsync(commune)).Text);
    }

    [Theory]
    [InlineData("مساعدة", "xx", "عذرا")]
    [InlineData("AIDE", "xx", "Désolé")]
    public async Task After_too_many_wrong_answers_there_is_one_apology_not_two(string help, string wrong, string apology)
    {
        var phone = gateway.NewPhone();
        await phone.SayAsync(help, help == "AIDE" ? "ABONNER" : "اشتراك", "4");

        SimulatorAnswer last = await phone.SayAsync(wrong, wrong);
        last = await phone.SendAsync(wrong);

        Assert.Contains(apology, last.Text);
        Assert.DoesNotContain("Réponse non reconnue", last.Text);
        Assert.DoesNotContain("جواب غير مفهوم", last.Text);
        Assert.False(last.ConversationOpen);
    }

    [Fact]
    public async Task SMS_replies_in_Latin_script_are_sent_in_GSM7_when_folding_loses_nothing()
    {
        var phone = gateway.NewPhone();

        var communes = (await phone.SendAsync("ABONNER")).Text;

        Assert.Contains("10. Al Hoceima", communes);
        Assert.Contains("11. Béni Mellal", communes); // é is GSM-7: kept
        Assert.True(Gateway.Text.Gsm7.IsGsm(communes), communes);
        Assert.Equal(1, Gateway.Text.SmsSegments.Analyze(communes).Segments); // "Votre commune ?" and twelve names: one SMS
    }

    [Fact]
    public async Task SMS_replies_in_Arabic_or_Tifinagh_are_never_folded()
    {
        var phone = gateway.NewPhone();

        var communes = (await phone.SendAsync("اشتراك")).Text;

        Assert.Contains("الحسيمة", communes);
        Assert.False(Gateway.Text.Gsm7.IsGsm(communes));
    }

    private async Task<int> VoteInYesNoPollAsync(string answer)
    {
        var number = yesNo.NewNumber();
        var voter = new Voter(yesNo.App.CreateClient(), number); // to Casablanca's number: the poll's commune
        Assert.Contains("Pour un marché le dimanche ?", await voter.SendAsync("MARCHE"));

        await voter.SendAsync(answer);

        var contactId = yesNo.App.Services.GetRequiredService<Gateway.Conversations.ContactIds>().For(number);
        return Assert.Single(await yesNo.EventsOfAsync<PollVoteRecorded>(e => e.ContactId, contactId)).Option;
    }

    /// <summary>A gateway with one yes/no poll, MARCHE, in Casablanca, shared by the cases that vote in it.</summary>
    public sealed class YesNoPoll() : SharedGateway(PollHost.Create()), IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            var response = await App.Admin().PostAsJsonAsync("/api/polls", new
            {
                commune = "casablanca",
                keyword = "MARCHE",
                question = new Dictionary<string, string> { ["fr"] = "Pour un marché le dimanche ?", ["ar"] = "هل توافق على سوق الأحد؟" },
                options = new[]
                {
                    new Dictionary<string, string> { ["fr"] = "Oui", ["ar"] = "نعم" },
                    new Dictionary<string, string> { ["fr"] = "Non", ["ar"] = "لا" },
                },
                opensAt = App.Clock.GetUtcNow(),
                closesAt = App.Clock.GetUtcNow() + TimeSpan.FromDays(7),
                allowChange = false,
                publishResults = true,
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
