using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class ReportPageSpecs(BrowserFixture browser)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_answer_written_in_another_script_than_the_citizens_language_is_flagged_and_the_report_prints_without_the_console(bool arabic)
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/simulator");
        var sim = new SimulatorPage(page);
        await sim.OpenAsync("casablanca", ConsolePages.NewPhone());
        var reference = await InboxSpecs.FileReportAsync(sim); // written in French
        if (arabic) await ConsolePages.SwitchToArabicAsync(page);
        await page.GotoAsync($"/console/casablanca/inbox/{reference}");

        // A clerk answers in Arabic a citizen who wrote in French: warned while typing.
        var warning = page.Locator("[data-testid=language-warning]");
        await page.Locator("#message").FillAsync("تم إصلاح العطب هذا الصباح");
        await Expect(warning).ToContainTextAsync(arabic ? "بالعربية" : "en arabe");
        await Expect(warning).ToContainTextAsync(arabic ? "الفرنسية" : "Français");
        await ConsolePages.ScreenshotsAsync(page, "report-language-warning");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await page.Locator("#message").FillAsync("Le technicien passe demain.");
        await Expect(warning).ToHaveCountAsync(0);
        await page.Locator("#status-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=history-quote]")).ToHaveTextAsync("Le technicien passe demain.");

        // Printed: the report, its facts and history; no navigation, no forms.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.bar")).ToBeHiddenAsync();
        await Expect(page.Locator("#status-form")).ToBeHiddenAsync();
        await Expect(page.Locator("footer.foot")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=report-reference]")).ToBeVisibleAsync();
        await Expect(page.Locator("blockquote.sms").First).ToContainTextAsync("Pas d'eau au robinet");
        await Expect(page.Locator(".history")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=history-quote]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"report-print-{(arabic ? "ar" : "fr")}.png"), FullPage = true });
    }
}
