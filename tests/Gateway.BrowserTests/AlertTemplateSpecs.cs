using System.Net.Http.Json;
using System.Text.Json;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>Alert templates per commune and poll editing before the first real vote (issue 26 item 8).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AlertTemplateSpecs(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_rewords_the_water_cut_template_and_the_composer_starts_from_it_with_its_topic()
    {
        var page = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(page, ConsoleHost.AgadirKey, returnUrl: "/console/agadir/alerts/templates");
        await Expect(page.Locator("[data-testid=template-meeting]")).ToContainTextAsync("séance du conseil");
        await Expect(page.Locator("[data-testid=template-road-works]")).ToContainTextAsync("Travaux de voirie");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.ScreenshotsAsync(page, "alert-templates");

        await page.Locator("[data-testid=template-water-cut]").GetByRole(AriaRole.Link, new() { Name = "Modifier le modèle" }).ClickAsync();
        await page.Locator("#textFr").FillAsync("Agadir : coupure d'eau le [date], quartier Talborjt. Réserves à la mairie annexe.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le modèle" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/agadir/alerts/templates$"));
        await Expect(page.Locator("[data-testid=template-water-cut]")).ToContainTextAsync("quartier Talborjt");

        await page.Locator("[data-testid=template-water-cut]").GetByRole(AriaRole.Link, new() { Name = "Utiliser" }).ClickAsync();
        await Expect(page.Locator("[data-testid=from-template]")).ToContainTextAsync("Coupure d'eau");
        await Expect(page.Locator("#textFr")).ToHaveValueAsync("Agadir : coupure d'eau le [date], quartier Talborjt. Réserves à la mairie annexe.");
        await Expect(page.Locator("input[name='Form.Topic']")).ToHaveValueAsync("water");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/agadir/alerts/al-[0-9a-f]+$"));
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ConsoleHost.DevelopmentKey);
        Assert.Equal("water", (await http.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}")).GetProperty("topic").GetString());
    }

    [Fact]
    public async Task In_arabic_on_a_phone_a_poll_is_reworded_before_any_vote_and_after_a_real_vote_the_page_says_why_it_no_longer_can()
    {
        var keyword = ConsolePages.NewKeyword("MARCHE");
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ConsoleHost.DevelopmentKey);
        var created = await http.PostAsJsonAsync("/api/polls/", new
        {
            commune = "casablanca",
            keyword,
            question = new Dictionary<string, string> { ["fr"] = "Quel marché couvrir ?", ["ar"] = "أي سوق نغطي؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Marché central", ["ar"] = "السوق المركزي" },
                new Dictionary<string, string> { ["fr"] = "Souk hebdomadaire", ["ar"] = "السوق الأسبوعي" },
            },
            closesAt = DateTimeOffset.UtcNow.AddDays(7),
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var page = await browser.NewPageAsync(390, 844);
        await ConsolePages.SignInAsync(page, returnUrl: $"/console/casablanca/polls/{id}");
        await ConsolePages.SwitchToArabicAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "تعديل الاستطلاع" }).ClickAsync();
        await page.Locator("#questionAr").FillAsync("أي سوق بالدار البيضاء نغطي أولا؟");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(page));
        await ConsolePages.ScreenshotsAsync(page, "poll-edit");
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByRole(AriaRole.Button, new() { Name = "حفظ التعديلات" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("أي سوق بالدار البيضاء نغطي أولا؟");

        var citizen = new TwilioPhone(browser.BaseUrl, ConsolePages.NewPhone());
        await citizen.SendAsync("+212522000001", keyword);
        Assert.Contains("Souk hebdomadaire", await citizen.SendAsync("+212522000001", "2"));
        // The chart counts the vote live (its figures are read at most twice a second); the page then knows it too.
        await Expect(page.Locator(".chart")).ToHaveAttributeAsync("data-total", "1");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=edit-refused]")).ToContainTextAsync("لم يعد بالإمكان تعديل هذا الاستطلاع");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "تعديل الاستطلاع" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/console/casablanca/polls/{id}/edit");
        await Expect(page.Locator("#edit-refused")).ToContainTextAsync("صوت مواطنون");
        await ConsolePages.ScreenshotsAsync(page, "poll-edit-refused");
    }
}
