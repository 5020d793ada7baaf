using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>
/// Mixed directions as a reader sees them (the drawn position of each character, not the DOM's text): in the Arabic
/// console at phone width, and in the French one at laptop width, codes, numbers, references, the USSD screen's lines
/// and a quoted French answer keep their own order.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RightToLeftSpecs(BrowserFixture browser)
{
    [Theory]
    [InlineData(true, 390)]
    [InlineData(false, 1366)]
    public async Task In_the_simulator_the_dialled_code_each_ussd_line_and_a_phone_number_read_in_their_own_direction(bool arabic, int width)
    {
        var page = await browser.NewPageAsync(width, 844);
        await ConsolePages.SignInAsync(page, returnUrl: "/console/agadir/simulator");
        if (arabic) await ConsolePages.SwitchToArabicAsync(page);
        await page.Locator("#sim-phone").FillAsync(ConsolePages.NewPhone());

        var dial = page.Locator("[data-dial='*123*4#']");
        await TextLayout.AssertReadsLeftToRightOnOneLineAsync(dial, "*123*4#");
        await dial.ClickAsync();

        // The first screen asks for the language: each option's line in its own text's direction, "1. Français" as written.
        var screen = page.Locator("[data-testid=ussd-screen]").Last;
        await Expect(screen).ToContainTextAsync("Français");
        var french = screen.Locator(".ussd-line", new() { HasText = "Français" });
        Assert.Equal("ltr", await TextLayout.DirectionAsync(french));
        await TextLayout.AssertReadsLeftToRightOnOneLineAsync(french, "1. Français");
        var arabicLine = screen.Locator(".ussd-line", new() { HasText = "العربية" });
        Assert.Equal("rtl", await TextLayout.DirectionAsync(arabicLine));
        // What the phone sent, said in the page's language around the code.
        await TextLayout.AssertReadsLeftToRightOnOneLineAsync(page.Locator(".bubble.out").Last, "*123*4#");
        await ConsolePages.ScreenshotsAsync(page, "rtl-simulator-ussd");

        // A phone number inside a sentence: the example of the error a wrong number gets.
        await page.SetViewportSizeAsync(width, 844);
        await page.Locator("#sim-phone").FillAsync("12");
        await page.Locator("#sim-text").FillAsync("AVIS");
        await page.Locator("#sim-form button[type=submit]").ClickAsync();
        var error = page.Locator(".bubble.error").Last;
        await Expect(error).ToContainTextAsync("+212612345678");
        await TextLayout.AssertReadsLeftToRightOnOneLineAsync(error, "+212612345678");
    }

    [Theory]
    [InlineData(true, 390)]
    [InlineData(false, 1366)]
    public async Task A_reference_stays_whole_and_a_french_answer_quoted_in_the_history_keeps_its_order(bool arabic, int width)
    {
        var page = await browser.NewPageAsync(width, 844);
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/simulator");
        var sim = new SimulatorPage(page);
        await sim.OpenAsync("casablanca", ConsolePages.NewPhone());
        var reference = await InboxSpecs.FileReportAsync(sim);
        if (arabic) await ConsolePages.SwitchToArabicAsync(page);

        await page.GotoAsync("/console/casablanca/inbox");
        var link = page.GetByRole(AriaRole.Link, new() { Name = reference });
        await TextLayout.AssertReadsLeftToRightOnOneLineAsync(link, reference);
        await link.ClickAsync();
        await TextLayout.AssertReadsLeftToRightOnOneLineAsync(page.Locator("[data-testid=report-reference]"), reference);

        const string answer = "Le technicien est passé ce matin.";
        await page.Locator("#status").SelectOptionAsync("resolved");
        await page.Locator("#message").FillAsync(answer);
        await page.Locator("#status-form button[type=submit]").ClickAsync();
        var quote = page.Locator("[data-testid=history-quote]");
        await Expect(quote).ToHaveTextAsync(answer);
        // The full stop stays after the last word, and the quote opens on the side the page reads from.
        await TextLayout.AssertReadsLeftToRightOnOneLineAsync(quote, "matin.");
        var line = page.Locator("[data-testid=history-line]", new() { Has = quote });
        var opening = (await TextLayout.GlyphsAsync(line, "«"))[0].Left;
        var firstLetter = (await TextLayout.GlyphsAsync(quote, "Le"))[0].Left;
        Assert.True(arabic ? opening > firstLetter : opening < firstLetter, $"« at x={opening}, the quote's first letter at x={firstLetter}");
        await ConsolePages.ScreenshotsAsync(page, "rtl-report");
    }
}
