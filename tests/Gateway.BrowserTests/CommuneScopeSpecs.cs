using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class CommuneScopeSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task A_commune_key_opens_its_commune_and_gets_404_for_another_communes_poll_and_report()
    {
        // Casablanca's staff (programme key) create a poll; a citizen files a report there.
        var programme = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(programme);
        var pollUrl = await PollSpecs.CreatePollAsync(programme, "casablanca", ConsolePages.NewKeyword("SCOPE"));
        var sim = new SimulatorPage(programme);
        await sim.OpenAsync("casablanca", ConsolePages.NewPhone());
        var reference = await InboxSpecs.FileReportAsync(sim);

        var agadir = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(agadir, ConsoleHost.AgadirKey);
        await Expect(agadir.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
        Assert.EndsWith("/console/agadir", agadir.Url);

        foreach (var url in new[] { pollUrl, "/console/casablanca/inbox/" + reference, "/console/casablanca", pollUrl.Replace("/casablanca/", "/agadir/"), "/console/agadir/inbox/" + reference })
        {
            var response = await agadir.GotoAsync(url);
            Assert.True(404 == response!.Status, $"{url} answered {response.Status}");
            await Expect(agadir.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();
        }
        await ConsolePages.ScreenshotsAsync(agadir, "not-found");
    }

    [Fact]
    public async Task An_observer_reads_without_write_buttons_and_a_composer_says_in_words_that_it_may_not()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, ConsoleHost.AgadirObserverKey);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nouveau sondage" })).ToHaveCountAsync(0);
        // The navigation's link (the home page may link to "N essais du simulateur" in the inbox, which observers may read).
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Simulateur", Exact = true })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/console/agadir/polls/new");
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Action non autorisée" })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "forbidden");
        await ConsolePages.SwitchToArabicAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "إجراء غير مسموح به" })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "forbidden");
    }
}
