using System.Net.Http.Json;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class PhoneWidthSpecs(BrowserFixture browser)
{
    private static readonly string[] Lists = ["inbox", "polls", "alerts", "webhooks"];

    [Fact]
    public async Task At_390_px_the_inbox_polls_alerts_and_webhooks_lists_are_cards_within_the_screen_in_french_and_arabic()
    {
        var page = await browser.NewPageAsync(390, 844);
        await ConsolePages.SignInAsync(page, returnUrl: "/console/tiznit/webhooks");
        // A row in each list: a partner that never answers (a delivery that fails), a report, a poll, an alert.
        await page.Locator("#wh-url").FillAsync("http://127.0.0.1:9/hooks");
        await page.Locator("#wh-FeedbackReceived").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abonner" }).ClickAsync();
        await Expect(page.Locator("[data-testid=webhook-secret] pre")).ToContainTextAsync("whsec_");
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var report = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = ConsoleHost.DevelopmentKey, ["jurisdiction_id"] = "tiznit", ["service_code"] = "waste",
            ["description"] = "Les bacs à ordures de la place du marché débordent depuis lundi, l'odeur gêne les commerçants", ["address_string"] = "Place du Méchouar",
        }));
        Assert.True(report.IsSuccessStatusCode, await report.Content.ReadAsStringAsync());
        await PollSpecs.CreatePollAsync(page, "tiznit", ConsolePages.NewKeyword("MARCHE"));
        http.DefaultRequestHeaders.Add("X-Api-Key", ConsoleHost.DevelopmentKey);
        var alert = await http.PostAsJsonAsync("/api/alerts", new { commune = "tiznit", texts = new Dictionary<string, string> { ["fr"] = "Coupure d'eau demain de 8 h à 12 h." } });
        Assert.True(alert.IsSuccessStatusCode, await alert.Content.ReadAsStringAsync());
        await Wait.ForAsync(async () =>
        {
            await page.GotoAsync("/console/tiznit/webhooks");
            return await page.Locator("main tbody tr").CountAsync();
        }, n => n >= 1, "the webhook delivery");

        var problems = new List<string>();
        foreach (var arabic in new[] { false, true })
        {
            if (arabic) await ConsolePages.SwitchToArabicAsync(page);
            foreach (var list in Lists)
            {
                await page.SetViewportSizeAsync(390, 844);
                await page.GotoAsync($"/console/tiznit/{list}");
                var firstRow = page.Locator("main tbody tr").First;
                await Expect(firstRow).ToBeVisibleAsync();
                // Each row is a card: its cells stacked, each under its column's name, none off the screen.
                Assert.Equal("grid", await firstRow.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td).display"));
                Assert.False(string.IsNullOrEmpty(await firstRow.Locator("td").First.GetAttributeAsync("data-label")));
                await TextLayout.AssertNothingWiderThanTheScreenAsync(page, $"{list} ({(arabic ? "ar" : "fr")})");
                // The status, which ran off the screen as a table column, is whole on the screen once scrolled to.
                var status = firstRow.Locator(".badge").First;
                await status.ScrollIntoViewIfNeededAsync();
                await Expect(status).ToBeInViewportAsync(new() { Ratio = 1 });
                problems.AddRange(await ConsolePages.SeriousViolationsAsync(page));
                await ConsolePages.ScreenshotsAsync(page, $"cards-{list}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
    [Fact]
    public async Task At_390_px_the_staff_accounts_list_is_cards_within_the_screen_in_french_and_arabic()
    {
        var page = await browser.NewPageAsync(390, 844);
        await ConsolePages.SignInAsync(page, returnUrl: "/console/accounts");
        var problems = new List<string>();
        foreach (var arabic in new[] { false, true })
        {
            if (arabic) await ConsolePages.SwitchToArabicAsync(page);
            // The screenshots of the previous pass leave the page at laptop width.
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/console/accounts");
            // The development administrator's own account is always listed.
            var firstRow = page.Locator("main tbody tr").First;
            await Expect(firstRow).ToBeVisibleAsync();
            Assert.Equal("grid", await firstRow.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td).display"));
            await TextLayout.AssertNothingWiderThanTheScreenAsync(page, $"accounts ({(arabic ? "ar" : "fr")})");
            var state = firstRow.Locator(".badge").First;
            await state.ScrollIntoViewIfNeededAsync();
            await Expect(state).ToBeInViewportAsync(new() { Ratio = 1 });
            problems.AddRange(await ConsolePages.SeriousViolationsAsync(page));
            await ConsolePages.ScreenshotsAsync(page, "cards-accounts");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
