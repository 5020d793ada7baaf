using Gateway.Tests.Infrastructure;
using Gateway.Text;
using Xunit.Abstractions;

namespace Gateway.Tests.Channels.Ussd;

/// <summary>What a USSD caller sees: options on the first screen, and menus that use the screen's space.</summary>
public sealed class UssdFirstScreenSpecs(ITestOutputHelper output)
{
    [Theory]
    [InlineData("*123#")]      // no commune: the question in French first
    [InlineData("*123*1#")]    // Casablanca: Arabic by default
    [InlineData("*123*4#")]    // Agadir
    [InlineData("*123*10#")]   // Al Hoceïma
    [InlineData("2727")]       // a short code
    public async Task The_first_screen_of_a_new_caller_shows_the_language_options_themselves(string serviceCode)
    {
        await using var app = new GatewayApplication();
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(app.CreateClient(), "/api/simulator/messages",
            new { from = "+212668000001", channel = "ussd", text = "", to = serviceCode });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var reply = System.Text.Json.JsonSerializer.Deserialize<SimulatorAnswer>(body, System.Text.Json.JsonSerializerOptions.Web)!;

        var screen = Screen(reply);

        Assert.StartsWith("CON ", screen);
        Assert.Contains("1. Français", screen);
        Assert.Contains("2. العربية", screen);
        Assert.Contains("3. ⵜⴰⵎⴰⵣⵉⵖⵜ", screen);
        Assert.Contains("4. Tamazight", screen);
        Assert.DoesNotContain("99", screen);
        AssertFits(screen);
    }

    [Theory]
    [InlineData("1", "Que voulez-vous faire")]
    [InlineData("2", "ماذا تريد أن تفعل")]
    [InlineData("3", "ⵎⴰⵏ ⵜⵔⵉⴷ ⴰⴷ ⵜⴳⴷ")]
    [InlineData("4", "Man trid ad tgd")]
    public async Task In_every_language_the_main_menu_shows_all_its_items_on_one_screen(string language, string title)
    {
        await using var app = new GatewayApplication();
        var caller = new SimulatorPhone(app.CreateClient(), from: "+212668000002", channel: "ussd");
        await caller.SendAsync("");

        var screen = Screen(await caller.SendAsync(language));

        Assert.Contains(title, screen);
        Assert.Contains("1. ", screen);
        Assert.Contains("3. ", screen);
        AssertFits(screen);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("4")]
    public async Task In_every_language_the_commune_list_shows_several_communes_per_screen(string language)
    {
        await using var app = new GatewayApplication();
        var caller = new SimulatorPhone(app.CreateClient(), from: "+212668000003", channel: "ussd");
        await caller.SayAsync("", language);

        var screen = Screen(await caller.SendAsync("1"));

        Assert.Contains("1. ", screen);
        Assert.Contains("3. ", screen);
        AssertFits(screen);
    }

    private string Screen(SimulatorAnswer reply)
    {
        var screen = Assert.Single(reply.Replies).GetString()!;
        output.WriteLine(screen);
        output.WriteLine("----");
        return screen;
    }

    private static void AssertFits(string screen)
    {
        var text = screen[4..];
        var gsm = Gsm7.IsGsm(text);
        Assert.True(gsm ? Gsm7.Septets(text) <= 182 : text.Length <= 80, $"{(gsm ? Gsm7.Septets(text) + " septets" : text.Length + " UCS-2 units")}:\n{text}");
    }
}
