using System.Net.Http.Json;
using System.Text.Json;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>Trials (the simulator) shown as trials: counted apart on the home page, marked and filtered in the inbox, a series of their own on a poll (issue 26 item 1).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrialSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task A_trial_report_is_counted_apart_on_the_home_page_and_marked_and_filtered_in_the_inbox()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/tiznit");
        var before = await TrialCountAsync(page);
        var sim = new SimulatorPage(await page.Context.NewPageAsync());
        await sim.OpenAsync("tiznit", ConsolePages.NewPhone());
        var reference = await InboxSpecs.FileReportAsync(sim);

        await page.ReloadAsync();
        Assert.Equal(before + 1, await TrialCountAsync(page));
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.ScreenshotsAsync(page, "home-trials");

        await page.Locator("[data-testid=home-trials] a").ClickAsync();
        await Expect(page.Locator("#f-simulated")).ToHaveValueAsync("true");
        var row = page.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = reference }) });
        await Expect(row.Locator("[data-testid=trial-badge]")).ToHaveTextAsync("essai");
        await ConsolePages.ScreenshotsAsync(page, "inbox-trials");

        await page.Locator("#f-simulated").SelectOptionAsync("false");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("simulated=false"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToHaveCountAsync(0);
    }

    private static async Task<int> TrialCountAsync(IPage page)
    {
        var text = await page.Locator("[data-testid=home-trials]").InnerTextAsync();
        return int.Parse(new string(text.TakeWhile(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task In_arabic_on_a_phone_a_trial_vote_moves_its_own_labelled_series_live_and_never_the_real_total()
    {
        var keyword = ConsolePages.NewKeyword("ESSAI");
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ConsoleHost.DevelopmentKey);
        var created = await http.PostAsJsonAsync("/api/polls/", new
        {
            commune = "tiznit",
            keyword,
            question = new Dictionary<string, string> { ["fr"] = "Quel marché couvrir ?", ["ar"] = "أي سوق نغطي؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Marché central", ["ar"] = "السوق المركزي" },
                new Dictionary<string, string> { ["fr"] = "Souk hebdomadaire", ["ar"] = "السوق الأسبوعي" },
            },
            closesAt = DateTimeOffset.UtcNow.AddDays(7),
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var page = await browser.NewPageAsync(390, 844);
        await ConsolePages.SignInAsync(page, returnUrl: $"/console/tiznit/polls/{id}");
        await ConsolePages.SwitchToArabicAsync(page);
        await Expect(page.Locator("[data-testid=trial-series]")).ToHaveCountAsync(0);

        var sim = new SimulatorPage(await page.Context.NewPageAsync());
        await sim.OpenAsync("tiznit", ConsolePages.NewPhone());
        await sim.SendAsync(keyword);
        await sim.SendAsync("2");
        await page.BringToFrontAsync();

        var series = page.Locator("[data-testid=trial-series]");
        await Expect(series).ToContainTextAsync("التجارب حسب الاختيار (على حدة)");
        await Expect(series.Locator("li", new() { HasText = "السوق الأسبوعي" }).Locator(".bar-value strong")).ToHaveTextAsync("1");
        Assert.Equal("0", await page.Locator(".chart").GetAttributeAsync("data-total"));
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.ScreenshotsAsync(page, "poll-trial-series");
    }
}
