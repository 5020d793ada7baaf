using System.Net.Http.Json;
using System.Text.Json;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>An alert composed in quiet hours: a choice between waiting for their end and sending now, never a form error.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class QuietHoursSpecs(BrowserFixture browser)
{
    private static readonly string Alerts = $"/console/{ConsoleHost.QuietCommune}/alerts";

    [Fact]
    public async Task In_quiet_hours_the_composer_offers_to_wait_by_default_and_an_urgent_send_goes_now_and_is_audited()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: Alerts + "/new");

        var choice = page.Locator("#quiet-hours");
        await Expect(choice).ToContainTextAsync("Heures calmes");
        await Expect(page.GetByLabel(new System.Text.RegularExpressions.Regex("^Envoyer à .+, à la fin des heures calmes$"))).ToBeCheckedAsync();
        var urgent = page.GetByLabel(new System.Text.RegularExpressions.Regex("^Envoyer maintenant : c'est urgent"));
        await Expect(urgent).Not.ToBeCheckedAsync();
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await page.Locator("#textFr").FillAsync("Coupure d'eau cette nuit, quartier Amalou : réserves ouvertes à la mairie.");
        await ConsolePages.ScreenshotsAsync(page, "alert-quiet-hours");

        await urgent.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"{Alerts}/al-[0-9a-f]+$"));
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(page.Locator(".progress-block")).ToHaveAttributeAsync("data-status", "done");

        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ConsoleHost.DevelopmentKey);
        var alert = await http.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal("send", alert.GetProperty("quietHours").GetString());
        var audit = await http.GetFromJsonAsync<JsonElement>("/api/audit?max=200");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "console alert.send-in-quiet-hours"
            && e.GetProperty("target").GetString()!.Contains($"id={id}") && e.GetProperty("surface").GetString() == "console");
    }

    [Fact]
    public async Task In_arabic_on_a_phone_the_same_choice_is_offered_and_the_default_holds_the_alert_until_they_end()
    {
        var page = await browser.NewPageAsync(390, 844);
        await ConsolePages.SignInAsync(page, returnUrl: Alerts + "/new");
        await ConsolePages.SwitchToArabicAsync(page);

        await Expect(page.Locator("#quiet-hours legend")).ToHaveTextAsync("ساعات الهدوء: متى يتم الإرسال؟");
        await Expect(page.Locator("#quiet-hold")).ToBeCheckedAsync();
        await Expect(page.Locator("label[for=quiet-send]")).ToContainTextAsync("الإرسال الآن");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await page.Locator("#textAr").FillAsync("انقطاع الماء هذه الليلة بحي أمالو.");
        await ConsolePages.ScreenshotsAsync(page, "alert-quiet-hours");
        await page.SetViewportSizeAsync(390, 844);

        await page.GetByRole(AriaRole.Button, new() { Name = "إرسال" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"{Alerts}/al-[0-9a-f]+$"));
        await Expect(page.Locator("body")).ToContainTextAsync("الاستئناف على الساعة");
    }
}
