using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class AlertSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task An_arabic_alert_shows_ucs2_and_its_segments_then_its_progress_reaches_the_end()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/settat/simulator");
        // A citizen of Settat subscribes to meeting alerts, in Arabic, from the simulator.
        var sim = new SimulatorPage(page);
        await sim.OpenAsync("settat", ConsolePages.NewPhone());
        await sim.SendAsync("اشتراك");
        var done = string.Join("\n", await sim.SendAsync("1"));
        Assert.Contains("ستتوصل", done);

        await page.GotoAsync("/console/settat/alerts/new");
        var arabic = "دورة المجلس الجماعي يوم الثلاثاء على الساعة السادسة مساء بقاعة الاجتماعات. جدول الأعمال: الميزانية والطرق والإنارة العمومية.";
        await page.Locator("#textAr").FillAsync(arabic);
        await Expect(page.Locator("[data-testid=encoding-ar]")).ToHaveTextAsync("UCS-2");
        await Expect(page.Locator("[data-testid=segments-ar]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-testid=recipients]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=total-segments]")).ToHaveTextAsync("2");

        // A French text with typographic quotes: UCS-2 until one click replaces them.
        await page.Locator("#textFr").FillAsync("Conseil « mardi » à 18 h — salle communale");
        await Expect(page.Locator("[data-testid=encoding-fr]")).ToHaveTextAsync("UCS-2");
        // The live preview is swapped in by htmx: a click on a button of a panel being replaced lands on a detached node.
        // Wait until no preview request is in flight (htmx marks the requesting element with .htmx-request).
        await Expect(page.Locator(".htmx-request")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Remplacer par des caractères simples") }).ClickAsync();
        await Expect(page.Locator("#textFr")).ToHaveValueAsync("Conseil \" mardi \" à 18 h - salle communale");
        await Expect(page.Locator("[data-testid=encoding-fr]")).ToHaveTextAsync("GSM-7");
        await ConsolePages.ScreenshotsAsync(page, "alert-compose");

        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/settat/alerts/al-[0-9a-f]+$"));
        await Expect(page.Locator(".progress-block")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.Locator("[data-testid=targeted]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-testid=sent]")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Annuler l'envoi" })).ToBeHiddenAsync();
        await ConsolePages.ScreenshotsAsync(page, "alert-progress");

        await page.GotoAsync("/console/settat/alerts");
        await Expect(page.Locator("tbody tr").First).ToContainTextAsync("terminé");
        await ConsolePages.ScreenshotsAsync(page, "alerts");
    }
}
