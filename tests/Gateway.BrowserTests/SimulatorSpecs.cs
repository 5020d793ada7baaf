using Gateway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class SimulatorSpecs(BrowserFixture browser)
{
    [Theory]
    [InlineData(false, 1366)]
    [InlineData(true, 390)]
    public async Task Dialling_opens_the_ussd_menu_and_a_reload_keeps_the_transcript_of_the_conversation_that_goes_on(bool arabic, int width)
    {
        var page = await browser.NewPageAsync(width, 844);
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/simulator");
        if (arabic) await ConsolePages.SwitchToArabicAsync(page);
        var phone = ConsolePages.NewPhone();
        await page.Locator("#sim-phone").FillAsync(phone);

        // One button: USSD, the commune's code, the empty first request.
        await page.Locator("[data-dial='*123*1#']").ClickAsync();
        var screens = page.Locator("[data-testid=ussd-screen]");
        await Expect(screens).ToHaveCountAsync(1);
        await Expect(page.Locator("#sim-channel")).ToHaveValueAsync("ussd");
        await Expect(page.Locator("#sim-to")).ToHaveValueAsync("*123*1#");
        var sim = new SimulatorPage(page);
        await sim.SendAsync("1"); // Français
        await Expect(screens).ToHaveCountAsync(2);
        var transcript = await page.Locator("#thread").InnerTextAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("#sim-phone")).ToHaveValueAsync(phone);
        await Expect(page.Locator("#sim-channel")).ToHaveValueAsync("ussd");
        await Expect(screens).ToHaveCountAsync(2);
        Assert.Equal(transcript, await page.Locator("#thread").InnerTextAsync());

        // The conversation goes on where the transcript left it: the menu's first item, reporting a problem.
        var next = string.Join("\n", await sim.SendAsync("1"));
        Assert.Contains("Votre signalement concerne", next);
        await ConsolePages.ScreenshotsAsync(page, "simulator-dial-reload");

        // A new conversation: another phone, an empty thread.
        await page.Locator("[data-forget]").ClickAsync();
        await Expect(page.Locator("#sim-phone")).Not.ToHaveValueAsync(phone);
        await Expect(page.Locator("#thread > *")).ToHaveCountAsync(0);
    }
}
