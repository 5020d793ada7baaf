using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>The poll form's audience (issue 24), in French and Arabic, at laptop and phone widths.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PollAudienceSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task An_author_limits_a_poll_to_the_18_34_and_the_poll_page_says_so()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, returnUrl: "/console/casablanca/polls/new");
        var keyword = ConsolePages.NewKeyword("JEUNES");
        await page.GetByLabel("Mot-clé").FillAsync(keyword);
        await page.Locator("#questionFr").FillAsync("Quel espace pour les jeunes ?");
        await page.Locator("#optionsFr").FillAsync("Maison des jeunes\nTerrain de sport");
        await page.Locator("#questionAr").FillAsync("أي فضاء للشباب؟");
        await page.Locator("#optionsAr").FillAsync("دار الشباب\nملعب رياضي");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Public du sondage" })).ToBeVisibleAsync();
        await page.GetByLabel("18-24 ans").CheckAsync();
        await page.GetByLabel("25-34 ans").CheckAsync();
        // The invitation by message: nobody by default, or everyone, or the audience only (refused under 5 subscribers).
        var invite = page.GetByRole(AriaRole.Group, new() { Name = "Inviter à voter par message" });
        await Expect(invite.GetByLabel("Ne pas inviter")).ToBeCheckedAsync();
        await Expect(invite.GetByLabel("Inviter seulement les abonnés du public du sondage (d'après leur profil)")).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "poll-audience");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));

        await Expect(page.Locator("#poll-check")).ToContainTextAsync($"« {keyword} » est libre");
        await Expect(page.Locator(".htmx-request")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le sondage" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/casablanca/polls/p[a-z0-9]+$"));
        await Expect(page.Locator("[data-testid=poll-audience]")).ToHaveTextAsync("Public : 18-34 ans");

        await ConsolePages.SwitchToArabicAsync(page);
        await Expect(page.Locator("[data-testid=poll-audience]")).ToHaveTextAsync("الجمهور: 18-34 سنة");
        await page.GotoAsync("/console/casablanca/polls/new");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "جمهور الاستطلاع" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "الدعوة إلى التصويت برسالة" }).GetByLabel("بدون دعوة")).ToBeCheckedAsync();
        await ConsolePages.ScreenshotsAsync(page, "poll-audience");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.SwitchToFrenchAsync(page);
    }
}
