using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class PollSpecs(BrowserFixture browser)
{
    /// <summary>Casablanca's SMS number (the commune registry): a vote texted there counts for Casablanca's polls.</summary>
    private const string CasablancaNumber = "+212522000001";

    /// <summary>Creates a poll through the form; returns the results page's path.</summary>
    public static async Task<string> CreatePollAsync(IPage page, string commune, string keyword)
    {
        await page.GotoAsync($"/console/{commune}/polls/new");
        await page.GetByLabel("Mot-clé").FillAsync(keyword);
        await page.Locator("#questionFr").FillAsync("Quel terrain rénover en premier ?");
        await page.Locator("#optionsFr").FillAsync("Terrain du quartier Salam\nTerrain près du lycée");
        await page.Locator("#questionAr").FillAsync("أي ملعب نجدد أولا؟");
        await page.Locator("#optionsAr").FillAsync("ملعب حي السلام\nالملعب قرب الثانوية");
        // Submit once the check the typing triggered has answered (htmx marks the requesting element with .htmx-request):
        // a submit racing it was seen once to leave the form in place (a clean clone's first browser test).
        await Expect(page.Locator("#poll-check")).ToContainTextAsync($"« {keyword} » est libre");
        await Expect(page.Locator(".htmx-request")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le sondage" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/console/{commune}/polls/p[a-z0-9]+$"));
        return new Uri(page.Url).AbsolutePath;
    }

    [Fact]
    public async Task A_poll_created_here_shows_a_simulator_vote_apart_and_counts_a_citizen_vote_without_a_reload()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/polls/new");
        var keyword = ConsolePages.NewKeyword("TERRAIN");

        // As the author types: a keyword of the service is flagged, a free one is confirmed, missing languages are named.
        await page.GetByLabel("Mot-clé").FillAsync("AVIS");
        await Expect(page.Locator("#poll-check")).ToContainTextAsync("déjà un mot-clé du service");
        await page.GetByLabel("Mot-clé").FillAsync(keyword);
        await page.Locator("#questionFr").FillAsync("Quel terrain ?");
        await Expect(page.Locator("#poll-check")).ToContainTextAsync($"« {keyword} » est libre");
        await Expect(page.Locator("#poll-check")).ToContainTextAsync("Pas de texte en Arabe, la langue par défaut");
        await ConsolePages.ScreenshotsAsync(page, "poll-new");

        var results = await CreatePollAsync(page, "casablanca", keyword);
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-total", "0");

        // Staff try the poll from the simulator, in another tab; the results tab is not touched.
        var phone = await page.Context.NewPageAsync();
        var sim = new SimulatorPage(phone);
        await sim.OpenAsync("casablanca", ConsolePages.NewPhone());
        var question = await sim.SendAsync(keyword);
        Assert.Contains("Quel terrain rénover en premier ?", string.Join("\n", question));
        var thanks = string.Join("\n", await sim.SendAsync("2"));
        Assert.Contains("Terrain près du lycée", thanks);
        await page.BringToFrontAsync();

        // The trial shows on a line of its own, live, and not in the results.
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-simulated", "1");
        await Expect(page.Locator(".chart .simulated")).ToContainTextAsync("Essais (simulateur) : 1 vote(s)");
        Assert.Equal("0", await page.Locator(".chart").GetAttributeAsync("data-total"));

        // A citizen votes by SMS through the provider: the results count it, live.
        var citizen = new TwilioPhone(browser.BaseUrl, ConsolePages.NewPhone());
        Assert.Contains("Quel terrain rénover en premier ?", await citizen.SendAsync(CasablancaNumber, keyword));
        Assert.Contains("Terrain près du lycée", await citizen.SendAsync(CasablancaNumber, "2"));
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-total", "1");
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-simulated", "1");
        var lycee = page.Locator(".chart .bar-rows").First.Locator("li", new() { HasText = "Terrain près du lycée" });
        await Expect(lycee.Locator(".bar-value strong")).ToHaveTextAsync("1");
        await ConsolePages.ScreenshotsAsync(page, "poll-results");

        await page.GotoAsync("/console/casablanca/polls");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = keyword })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "polls");
    }

    [Fact]
    public async Task The_form_shows_the_words_each_answer_will_understand_and_the_author_can_take_one_away()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/polls/new");
        var keyword = ConsolePages.NewKeyword("PRIO");
        await page.GetByLabel("Mot-clé").FillAsync(keyword);
        await page.Locator("#questionFr").FillAsync("Quelle priorité pour le quartier ?");
        await page.Locator("#optionsFr").FillAsync("Eau\nRoutes");

        // The civic lexicon's words, shown as the author types; "-trq" on the second line takes one away.
        var check = page.Locator("#poll-check");
        await Expect(check).ToContainTextAsync("Les citoyens pourront aussi répondre");
        await Expect(check.Locator("li", new() { HasText = "Eau" })).ToContainTextAsync("lma");
        await Expect(check.Locator("li", new() { HasText = "Routes" })).ToContainTextAsync("trq");
        await page.Locator("#synonymsAryLatn").FillAsync("\n-trq");
        await Expect(check.Locator("li", new() { HasText = "Routes" })).Not.ToContainTextAsync("trq");
        await ConsolePages.ScreenshotsAsync(page, "poll-new-synonyms");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le sondage" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/casablanca/polls/p[a-z0-9]+$"));

        var phone = await page.Context.NewPageAsync();
        var sim = new SimulatorPage(phone);
        await sim.OpenAsync("casablanca", ConsolePages.NewPhone());
        await sim.SendAsync(keyword);
        Assert.Contains("Eau", string.Join("\n", await sim.SendAsync("lma")));
        await sim.OpenAsync("casablanca", ConsolePages.NewPhone());
        await sim.SendAsync(keyword);
        Assert.Contains("Réponse non reconnue", string.Join("\n", await sim.SendAsync("trq")));
    }

    [Fact]
    public async Task A_poll_without_options_or_keyword_shows_what_to_fix_and_creates_nothing()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/polls/new");
        await page.Locator("#questionFr").FillAsync("Une question sans réponses ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le sondage" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToContainTextAsync("Le mot-clé doit être un seul mot");
        await Expect(summary).ToContainTextAsync("Donnez de 2 à 9 réponses");
        Assert.EndsWith("/polls/new", page.Url);
        await Expect(page.Locator("#questionFr")).ToHaveValueAsync("Une question sans réponses ?");
        await ConsolePages.ScreenshotsAsync(page, "poll-errors");
    }
}
