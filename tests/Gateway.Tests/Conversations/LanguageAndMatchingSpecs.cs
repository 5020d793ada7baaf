using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>How the gateway guesses the language and understands answers written in any script.</summary>
public sealed class LanguageAndMatchingSpecs
{
    [Theory]
    [InlineData("Bonjour", "Bienvenue sur la ligne citoyenne")]
    [InlineData("السلام عليكم", "مرحبا بك في خط التواصل")]
    [InlineData("ⴰⵣⵓⵍ", "ⴰⵏⵙⵓⴼ ⵖⵔ ⵓⵣⵔⵉⴳ")]
    [InlineData("123", "Langue/اللغة/ⵜⵓⵜⵍⴰⵢⵜ")]
    public async Task The_script_of_the_first_message_suggests_the_language_and_the_gateway_asks_when_unsure(string first, string expected)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212662000001");

        Assert.Contains(expected, (await phone.SendAsync(first)).Text);
    }

    [Theory]
    [InlineData("casa")]
    [InlineData("Dar Beida")]
    [InlineData("الدارالبيضاء")]
    public async Task A_commune_is_understood_by_the_keywords_configured_for_it(string answer)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212662000009");
        Assert.Contains("Votre commune", (await phone.SendAsync("ABONNER")).Text);

        var reply = await phone.SendAsync(answer);

        Assert.Contains("réunions du conseil de Casablanca", reply.Text);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("٢")]
    [InlineData("۲")]
    [InlineData(" 2 ")]
    [InlineData("Eau")]
    [InlineData("eau")]
    [InlineData("الماء")]
    [InlineData("ألماءُ")]
    [InlineData("ⴰⵎⴰⵏ")]
    [InlineData("aman")]
    [InlineData("lma")]
    public async Task An_option_is_understood_by_its_number_in_any_digits_or_its_label_in_any_language(string answer)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212662000002");
        await phone.SayAsync("AVIS", "4");

        Assert.Contains("Décrivez le problème", (await phone.SendAsync(answer)).Text);
    }

    [Theory]
    [InlineData("AVIS")]
    [InlineData("avis")]
    [InlineData("Avis, svp")]
    [InlineData("PLAINET")]
    [InlineData("signaler")]
    [InlineData("SIGNALLER")]
    [InlineData("رأي")]
    [InlineData("راي")]
    [InlineData("شكايه")]
    public async Task Keywords_start_flows_whatever_the_case_accents_letter_variants_or_one_typo_in_long_words(string keyword)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212662000003");

        var reply = await phone.SendAsync(keyword);

        Assert.Matches("Votre commune|ما هي جماعتك", reply.Text);
    }

    [Theory]
    [InlineData("AVI")]
    [InlineData("AVIZ")]
    public async Task Short_keywords_need_an_exact_match(string almost)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212662000004");
        await phone.SendAsync("Bonjour");

        var reply = await phone.SendAsync(almost);

        Assert.Contains("Réponse non reconnue", reply.Text);
        Assert.Contains("Que voulez-vous faire", reply.Text);
        Assert.DoesNotContain("Votre commune", reply.Text);
    }
}
