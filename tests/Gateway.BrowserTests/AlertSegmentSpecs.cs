using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>The composer's *Destinataires*: ticking a group too small says "fewer than 5" instead of a count, and sending is refused.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AlertSegmentSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task A_segment_too_small_reads_fewer_than_5_in_french_and_arabic_and_cannot_be_sent()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/settat/alerts/new");
        await page.Locator("#textFr").FillAsync("Réunion du conseil des jeunes samedi à 10 h, maison des jeunes.");
        await page.Locator("#textAr").FillAsync("اجتماع مجلس الشباب يوم السبت على الساعة العاشرة بدار الشباب.");

        await page.Locator("#seg-genders-man").CheckAsync();
        await page.Locator("#seg-ageBands-55\\+").CheckAsync();

        await Expect(page.Locator("[data-testid=segment-too-small]")).ToContainTextAsync("moins de 5 personnes");
        await Expect(page.Locator("[data-testid=recipients]")).ToHaveCountAsync(0);
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.ScreenshotsAsync(page, "alert-segment");

        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Expect(page.Locator("#errors")).ToContainTextAsync("moins de 5 personnes");
        await Expect(page.Locator("#seg-genders-man")).ToBeCheckedAsync(); // the choice comes back with the form

        await ConsolePages.SwitchToArabicAsync(page);
        await page.GotoAsync("/console/settat/alerts/new");
        await page.Locator("#textAr").FillAsync("اجتماع مجلس الشباب يوم السبت على الساعة العاشرة بدار الشباب.");
        await page.Locator("#seg-genders-woman").CheckAsync();
        await page.Locator("#seg-ageBands-15-17").CheckAsync();
        await Expect(page.Locator("[data-testid=segment-too-small]")).ToContainTextAsync("أقل من 5 أشخاص");
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.ScreenshotsAsync(page, "alert-segment");
    }
}
