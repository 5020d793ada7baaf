using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class PlacesSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_add_a_douar_retire_another_and_bring_it_back_in_French_and_Arabic_at_laptop_and_phone_width()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/tiznit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lieux" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Quartiers et douars");
        await Expect(page.Locator("[data-testid=place-douar-aglou]")).ToBeVisibleAsync();

        // An id that is not a slug is refused, naming the place, and what was typed stays.
        var added = page.Locator("[data-testid=place-new]");
        await page.Locator("#new-id").FillAsync("Tafraout Centre");
        await page.Locator("#new-Fr").FillAsync("Tafraout");
        await page.Locator("#new-Ar").FillAsync("تافراوت");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la liste" }).ClickAsync();
        await Expect(page.Locator("[data-testid=places-errors]")).ToContainTextAsync("Tafraout : l'identifiant");
        await Expect(page.Locator("#new-Fr")).ToHaveValueAsync("Tafraout");

        await page.Locator("#new-id").FillAsync("tafraout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la liste" }).ClickAsync();
        await Expect(page.Locator("[data-testid=places-saved]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=place-tafraout]")).ToBeVisibleAsync();

        // Removing Douar Aglou keeps it, retired: no longer offered, still named where it was counted.
        await page.Locator("[data-testid=place-douar-aglou]").GetByLabel("Retirer ce lieu de la liste").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la liste" }).ClickAsync();
        await Expect(page.Locator("[data-testid=place-douar-aglou]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=places-retired]")).ToContainTextAsync("Remettre Douar Aglou dans la liste");
        await ConsolePages.ScreenshotsAsync(page, "places");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));

        await ConsolePages.SwitchToArabicAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("الأحياء والدواوير");
        await Expect(page.Locator("[data-testid=places-retired]")).ToContainTextAsync("دوار أكلو");
        await ConsolePages.ScreenshotsAsync(page, "places");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));

        await page.Locator("[data-testid=places-retired]").GetByLabel(new System.Text.RegularExpressions.Regex("دوار أكلو")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "حفظ اللائحة" }).ClickAsync();
        await Expect(page.Locator("[data-testid=place-douar-aglou]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=places-retired]")).ToHaveCountAsync(0);
        await ConsolePages.SwitchToFrenchAsync(page);
    }
}
