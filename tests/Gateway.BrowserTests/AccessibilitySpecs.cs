using Gateway.BrowserTests.Infrastructure;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class AccessibilitySpecs(BrowserFixture browser)
{
    private static readonly string[] Pages =
        ["/console/casablanca", "/console/casablanca/inbox", "/console/casablanca/polls", "/console/casablanca/polls/new", "/console/casablanca/alerts",
         "/console/casablanca/alerts/new", "/console/casablanca/simulator", "/console/casablanca/flows", "/console", "/console/nowhere"];

    [Fact]
    public async Task No_page_has_a_serious_or_critical_accessibility_violation_in_either_language()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        problems.AddRange(await ScanAsync(page, "/console/signin"));
        await ConsolePages.SignInAsync(page);
        foreach (var url in Pages) problems.AddRange(await ScanAsync(page, url));
        await ConsolePages.SwitchToArabicAsync(page);
        foreach (var url in Pages) problems.AddRange(await ScanAsync(page, url));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<IReadOnlyList<string>> ScanAsync(Microsoft.Playwright.IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        return await ConsolePages.SeriousViolationsAsync(page);
    }
}
