using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>The feedback conversation, end to end through the simulator, in every text set.</summary>
public sealed partial class FeedbackFlowSpecs
{
    [GeneratedRegex(@"R-[2-9A-HJKMNP-TV-Z]{5}")]
    private static partial Regex Reference();

    public static TheoryData<string, string[], string[], string> Conversations => new()
    {
        // language, messages, expected fragment of each reply, category
        { "fr", ["AVIS", "4", "1", "La route principale est pleine de nids de poule", "Hay Salam"],
            ["Votre commune", "Votre signalement concerne", "Décrivez le problème", "Quartier ou douar", "Merci !"], "roads" },
        { "ar", ["رأي", "٤", "الماء", "انقطاع الماء منذ ثلاثة أيام", "١"],
            ["ما هي جماعتك", "ملاحظتك تخص", "صف المشكل", "الحي أو الدوار", "شكرا!"], "water" },
        { "zgh", ["ⴰⵡⴰⵍ", "4", "3", "ⵓⵔ ⵜⵍⵍⵉ ⵜⴰⴼⴰⵡⵜ ⴳ ⵓⴱⵔⵉⴷ", "ⵜⴰⵍⴱⵓⵔⵜ"],
            ["ⵎⴰⵜⵜⴰ ⵜⴰⵊⵎⴰⵄⵜ", "ⵎⴰⵏ ⴰⵎⵓⴽⵔⴰⵙ?", "ⴰⵔⴰ ⴰⵎⵓⴽⵔⴰⵙ", "ⵍⵃⵓⵎⴰ ⵏⵖ ⴷⴷⵓⵡⴰⵔ", "ⵜⴰⵏⵎⵎⵉⵔⵜ!"], "lighting" },
    };

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task A_citizen_reports_a_problem_and_gets_a_reference_in_their_language(string language, string[] messages, string[] expected, string category)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient());

        for (var i = 0; i < messages.Length; i++)
        {
            var reply = await phone.SendAsync(messages[i]);
            Assert.Contains(expected[i], reply.Text);
        }

        var feedback = Assert.Single(await app.EventsAsync<FeedbackReceived>());
        Assert.Equal(category, feedback.Category);
        Assert.Equal("agadir", feedback.Commune);
        Assert.Equal(language, feedback.Language);
        Assert.Equal(messages[3], feedback.Text);
        Assert.Matches(Reference(), feedback.Reference);
        Assert.DoesNotContain("212612345678", feedback.ContactId);
    }

    [Fact]
    public async Task Latin_script_Amazigh_chosen_with_LANG_runs_the_whole_flow_in_Latin_Amazigh()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient());

        Assert.Contains("Tutlayt/ⵜⵓⵜⵍⴰⵢⵜ/اللغة", (await phone.SendAsync("TUTLAYT")).Text);
        Assert.Contains("Man trid ad tgd?", (await phone.SendAsync("4")).Text);
        Assert.Contains("Matta tajmaat nnk?", (await phone.SendAsync("1")).Text);
        Assert.Contains("Man amukras?", (await phone.SendAsync("Tiznit")).Text);
        Assert.Contains("Ara amukras", (await phone.SendAsync("aman")).Text);
        Assert.Contains("Lhuma ngh dduwar?", (await phone.SendAsync("Ur llin aman g tgmmi")).Text);
        var thanks = await phone.SendAsync("1");

        Assert.Contains("Tanmmirt!", thanks.Text);
        // A first report: the profile follows, in Latin Amazigh too (flows/profile.yaml).
        Assert.Contains("tra tjmaat ad tssn mad ittkkan", thanks.Text);
        Assert.True(thanks.ConversationOpen);
        var feedback = Assert.Single(await app.EventsAsync<FeedbackReceived>());
        Assert.Equal(("zgh-Latn", "tiznit", "water", null), (feedback.Language, feedback.Commune, feedback.Category, feedback.Place));
        Assert.Contains(feedback.Reference, thanks.Text);
    }

    [Fact]
    public async Task The_commune_is_taken_from_the_number_the_citizen_wrote_to_and_not_asked()
    {
        await using var app = new GatewayApplication();
        var http = app.CreateClient();
        var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from = "0612345678", to = "+212528000005", channel = "sms", text = "AVIS" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("Votre signalement concerne", body);
        Assert.DoesNotContain("Votre commune", body);
    }

    [Fact]
    public async Task Free_text_too_short_is_re_asked_and_too_many_bad_answers_end_politely()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient());
        await phone.SayAsync("AVIS", "4", "1");

        var tooShort = await phone.SendAsync("ok");
        Assert.Contains("trop court (au moins 3 caractères)", tooShort.Text);
        Assert.Contains("Décrivez le problème", tooShort.Text);

        var tooLong = await phone.SendAsync(new string('x', 5000));
        Assert.Contains("trop long (au plus 500 caractères)", tooLong.Text);

        var giveUp = await phone.SendAsync("?");
        Assert.Contains("Envoyez AIDE", giveUp.Text);
        Assert.False(giveUp.ConversationOpen);
        Assert.Empty(await app.EventsAsync<FeedbackReceived>());
    }

    [Fact]
    public async Task A_provider_retry_of_the_same_message_gets_the_same_reply_and_no_second_feedback()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient());
        await phone.SayAsync("AVIS", "4", "2", "Pas d'eau depuis hier");

        var first = await phone.SendAsync("1", id: "SM-final");
        var retry = await phone.SendAsync("1", id: "SM-final");

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Text, retry.Text);
        Assert.Single(await app.EventsAsync<FeedbackReceived>());
    }
}
