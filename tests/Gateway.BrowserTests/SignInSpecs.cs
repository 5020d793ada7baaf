using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed class SignInSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task The_development_key_signs_in_to_a_session_cookie_and_sign_out_ends_it()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.EndsWith("/console/signin?returnUrl=%2Fconsole", page.Url);
        await ConsolePages.ScreenshotsAsync(page, "signin");

        await ConsolePages.SignInAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choisissez une commune" })).ToBeVisibleAsync();
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "gw_console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        await page.GetByRole(AriaRole.Link, new() { Name = "Casablanca" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(page, "home");

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
        await page.GotoAsync("/console/casablanca");
        Assert.Contains("/console/signin", page.Url);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_a_readable_message_in_the_pages_language()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, "not-a-key-at-all-0000");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cette clé n'est pas reconnue");

        await ConsolePages.SwitchToArabicAsync(page);
        await ConsolePages.SignInAsync(page, "still-not-a-key-0000", "/console/signin");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("هذا المفتاح غير معروف");
        await ConsolePages.ScreenshotsAsync(page, "signin-error");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page);
        var response = await page.APIRequest.PostAsync("/console/casablanca/polls/new", new() { Form = page.APIRequest.CreateFormData().Set("_handler", "poll-create").Set("Form.Keyword", "SANS") });
        Assert.Equal(400, response.Status);
        var signOut = await page.APIRequest.PostAsync("/console/signout", new() { Form = page.APIRequest.CreateFormData().Set("x", "y") });
        Assert.Equal(400, signOut.Status);
        await page.GotoAsync("/console/casablanca");
        Assert.EndsWith("/console/casablanca", page.Url); // still signed in
    }
}
