using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class LanguageSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task The_arabic_interface_is_right_to_left_with_every_label_in_arabic()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca");
        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));

        await ConsolePages.SwitchToArabicAsync(page);

        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "لوحة القيادة" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("الاستطلاعات");
        // Mirrored: the navigation starts on the right.
        var brand = await page.Locator(".brand").BoundingBoxAsync();
        Assert.True(brand!.X > 683, $"the brand sits at x={brand.X}, not on the right half");
        await ConsolePages.ScreenshotsAsync(page, "home");

        foreach (var path in new[] { "polls", "polls/new", "alerts", "alerts/new", "simulator", "flows", "inbox" })
        {
            await page.GotoAsync($"/console/casablanca/{path}");
            var text = await page.Locator("main").InnerTextAsync();
            // No French label left: none of the French words the pages use appears in Arabic mode.
            foreach (var french in new[] { "Sondage", "Alerte", "Envoyer", "Signalement", "Parcours", "Mot-clé", "Nouveau" })
                Assert.DoesNotContain(french, text);
            await ConsolePages.ScreenshotsAsync(page, path.Replace('/', '-'));
        }
    }
}
