using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>STOP, START, HELP, LANG and MENU win over any flow in progress, in every language.</summary>
public sealed class GlobalCommandSpecs
{
    [Theory]
    [InlineData("STOP", "vous ne recevrez plus aucun message")]
    [InlineData("arrêt", "vous ne recevrez plus aucun message")]
    [InlineData("Arrete", "vous ne recevrez plus aucun message")]
    [InlineData("توقف", "لن تتوصل بأي رسالة")]
    [InlineData("7bes", "vous ne recevrez plus aucun message")]
    [InlineData("ⴱⴷⴷ", "ⵓⵔ ⴰⴽ ⵏⵜⵜⴰⵣⵏ ⴽⵔⴰ")]
    [InlineData("bedd", "vous ne recevrez plus aucun message")]
    public async Task STOP_in_any_language_mid_flow_opts_out_with_one_confirmation_and_then_nothing(string stop, string confirmation)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212661000001");
        await phone.SayAsync(stop.Any(c => c >= 0x2D30) ? "ⴰⵡⴰⵍ" : stop.Any(c => c >= 0x600) ? "رأي" : "AVIS", "4");

        var confirmed = await phone.SendAsync(stop);
        Assert.Contains(confirmation, confirmed.Text);
        Assert.False(confirmed.ConversationOpen);

        foreach (var text in new[] { "1", "AVIS", "HELP", "bonjour", stop })
            Assert.Empty((await phone.SendAsync(text)).Replies);

        var optOut = Assert.Single(await app.EventsAsync<ContactOptedOut>());
        Assert.Null(optOut.Topic);
        Assert.Equal("keyword", optOut.Source);
    }

    [Fact]
    public async Task START_brings_an_opted_out_contact_back_and_is_published()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212661000002");
        await phone.SayAsync("bonjour", "STOP");

        var back = await phone.SendAsync("start");

        Assert.Contains("Bon retour", back.Text);
        Assert.Contains("Que voulez-vous faire", (await phone.SendAsync("MENU")).Text);
        Assert.Single(await app.EventsAsync<ContactOptedIn>());
    }

    [Fact]
    public async Task A_feedback_text_that_merely_contains_stop_is_not_an_opt_out()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212661000003");
        await phone.SayAsync("AVIS", "4", "6");

        var reply = await phone.SendAsync("Stop aux voitures garées sur le trottoir");

        Assert.Contains("Quartier ou douar", reply.Text);
        Assert.Empty(await app.EventsAsync<ContactOptedOut>());
    }

    [Theory]
    [InlineData("AIDE", "AVIS : signaler un problème")]
    [InlineData("HELP", "AVIS : signaler un problème")]
    [InlineData("مساعدة", "AVIS : signaler un problème")]
    public async Task HELP_lists_what_the_number_can_do_and_repeats_the_pending_question(string help, string expected)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212661000004");
        await phone.SayAsync("AVIS", "4");

        var reply = await phone.SendAsync(help);

        Assert.Contains(expected, reply.Text);
        Assert.Contains("Votre signalement concerne", reply.Text);
        Assert.Contains("Routes", reply.Text);
        Assert.True(reply.ConversationOpen);
        Assert.Contains("Décrivez le problème", (await phone.SendAsync("2")).Text);
    }

    [Theory]
    [InlineData("LANGUE")]
    [InlineData("لغة")]
    [InlineData("اللغة")]
    [InlineData("ⵜⵓⵜⵍⴰⵢⵜ")]
    [InlineData("tutlayt")]
    public async Task LANG_in_any_language_changes_the_language_at_any_time_and_asks_the_pending_question_again(string lang)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212661000005");
        await phone.SayAsync("AVIS", "4");

        Assert.Contains("1. Français", (await phone.SendAsync(lang)).Text);
        var arabic = await phone.SendAsync("٢");

        Assert.Contains("تم: سنراسلك بالعربية", arabic.Text);
        Assert.Contains("ملاحظتك تخص", arabic.Text);
        Assert.Contains("الماء", arabic.Text);
        Assert.Contains("صف المشكل", (await phone.SendAsync("الماء")).Text);
    }

    [Fact]
    public async Task LANG_from_the_menu_goes_on_to_the_menu_in_the_new_language()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212661000007");
        await phone.SayAsync("Bonjour");

        var arabic = await phone.SayAsync("LANGUE", "2");

        Assert.Contains("ماذا تريد أن تفعل", arabic.Text);
    }

    [Fact]
    public async Task Subscribing_to_meeting_alerts_understands_Darija_yes_and_publishes_the_subscription()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212661000006");

        Assert.Contains("Votre commune", (await phone.SendAsync("ABONNER")).Text);
        Assert.Contains("réunions du conseil d'Oujda", (await phone.SendAsync("oujda")).Text);
        var done = await phone.SendAsync("wakha");

        Assert.Contains("vous recevrez les dates des réunions d'Oujda", done.Text);
        var optIn = Assert.Single(await app.EventsAsync<ContactOptedIn>());
        Assert.Equal(("meetings", "oujda"), (optIn.Topic, optIn.Commune));

        // Subscribed already: ABONNER says so, and only an explicit yes to stopping unsubscribes.
        Assert.Contains("déjà abonné(e) aux dates des réunions d'Oujda", (await phone.SendAsync("ABONNER")).Text);
        Assert.Contains("Rien ne change", (await phone.SendAsync("la")).Text);
        Assert.Empty(await app.EventsAsync<ContactOptedOut>());
        await phone.SendAsync("ABONNER");
        Assert.Contains("ne recevrez pas les alertes", (await phone.SendAsync("oui")).Text);
        Assert.Equal("meetings", Assert.Single(await app.EventsAsync<ContactOptedOut>()).Topic);
        Assert.Single(await app.EventsAsync<ContactOptedIn>());
    }
}
