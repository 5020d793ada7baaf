using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>Finding a citizen by phone number in the inbox, and the citizen's page (issue 26 item 4).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CitizenSpecs(BrowserFixture browser)
{
    /// <summary>The same number as staff type it: national with spaces, international with a dash, digits without the plus.</summary>
    public static IEnumerable<string> ThreeForms(string e164)
    {
        var national = "0" + e164[4..]; // +2126XXXXXXXX → 06XXXXXXXX
        yield return string.Join(" ", national.Chunk(2).Select(c => new string(c)));
        yield return $"+212 {e164[4..7]}-{e164[7..10]}-{e164[10..]}";
        yield return e164[1..];
    }

    private async Task<JsonElement> AuditAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ConsoleHost.DevelopmentKey);
        return await http.GetFromJsonAsync<JsonElement>("/api/audit?max=500");
    }

    [Fact]
    public async Task A_search_by_phone_in_three_forms_finds_the_citizens_trial_report_and_leads_to_their_page_which_an_observer_may_not_open()
    {
        var staff = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(staff, ConsoleHost.AgadirKey, returnUrl: "/console/agadir/simulator");
        var e164 = ConsolePages.NewPhone();
        var sim = new SimulatorPage(await staff.Context.NewPageAsync());
        await sim.OpenAsync("agadir", e164);
        var reference = await InboxSpecs.FileReportAsync(sim);

        foreach (var form in ThreeForms(e164))
        {
            await staff.GotoAsync("/console/agadir/inbox");
            await staff.Locator("#f-q").FillAsync(form);
            await staff.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
            var row = staff.Locator("tbody tr");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
            await Expect(row.Locator("[data-testid=trial-badge]")).ToHaveTextAsync("essai");
        }
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(staff));
        await ConsolePages.ScreenshotsAsync(staff, "inbox-search-phone");

        await staff.GetByRole(AriaRole.Link, new() { Name = "Voir la fiche du citoyen" }).ClickAsync();
        await Expect(staff.Locator("h1")).ToHaveTextAsync("Fiche du citoyen");
        await Expect(staff.Locator("[data-testid=citizen-phone]")).ToHaveTextAsync(e164);
        await Expect(staff.Locator("[data-testid=citizen-report]")).ToContainTextAsync(reference);
        await Expect(staff.Locator("[data-testid=citizen-report]")).ToContainTextAsync("Pas d'eau au robinet depuis 3 jours");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(staff));
        await ConsolePages.ScreenshotsAsync(staff, "citizen");
        var citizenUrl = new Uri(staff.Url).PathAndQuery;
        Assert.Contains((await AuditAsync()).EnumerateArray(), e => e.GetProperty("action").GetString() == "console citizen.view"
            && e.GetProperty("actor").GetString() == "agadir staff" && e.GetProperty("target").GetString()!.Contains(reference));
        Assert.DoesNotContain(e164[1..], (await AuditAsync()).GetRawText());

        var observer = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(observer, ConsoleHost.AgadirObserverKey, returnUrl: "/console/agadir/inbox?q=" + Uri.EscapeDataString(e164));
        await Expect(observer.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await Expect(observer.GetByRole(AriaRole.Link, new() { Name = "Voir la fiche du citoyen" })).ToHaveCountAsync(0);
        var refused = await observer.GotoAsync(citizenUrl);
        Assert.Equal(403, refused!.Status);
        await Expect(observer.Locator("body")).Not.ToContainTextAsync(e164);
    }

    [Fact]
    public async Task In_arabic_on_a_phone_the_citizen_page_erases_only_after_the_confirmation_and_the_citizen_is_gone()
    {
        var staff = await browser.NewPageAsync(390, 844);
        await ConsolePages.SignInAsync(staff, ConsoleHost.AgadirKey, returnUrl: "/console/agadir/simulator");
        var e164 = ConsolePages.NewPhone();
        var sim = new SimulatorPage(await staff.Context.NewPageAsync());
        await sim.OpenAsync("agadir", e164);
        var reference = await InboxSpecs.FileReportAsync(sim);

        await staff.GotoAsync("/console/agadir/inbox?q=" + Uri.EscapeDataString(ThreeForms(e164).First()));
        await ConsolePages.SwitchToArabicAsync(staff);
        await staff.GetByRole(AriaRole.Link, new() { Name = "عرض بطاقة المواطن" }).ClickAsync();
        await Expect(staff.Locator("h1")).ToHaveTextAsync("بطاقة المواطن");
        await Expect(staff.Locator("[data-testid=citizen-phone]")).ToHaveTextAsync(e164);
        await Expect(staff.Locator("[data-testid=citizen-report]")).ToContainTextAsync(reference);
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(staff));
        await ConsolePages.ScreenshotsAsync(staff, "citizen");
        await staff.SetViewportSizeAsync(390, 844);
        var citizenUrl = new Uri(staff.Url).PathAndQuery;

        await staff.GetByRole(AriaRole.Button, new() { Name = "محو نهائي" }).ClickAsync();
        await Expect(staff.Locator("#erase-error")).ToContainTextAsync("ضع علامة في الخانة");
        await Expect(staff.Locator("[data-testid=citizen-phone]")).ToHaveTextAsync(e164);

        await staff.GetByLabel("طلب المواطن محو بياناته").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "محو نهائي" }).ClickAsync();
        await Expect(staff.Locator("#erased")).ToContainTextAsync("تم محو بيانات هذا المواطن.");
        Assert.Contains((await AuditAsync()).EnumerateArray(), e => e.GetProperty("action").GetString() == "console citizen.erase"
            && e.GetProperty("target").GetString()!.Contains(reference));

        var gone = await staff.GotoAsync(citizenUrl);
        Assert.Equal(404, gone!.Status);
        await Expect(staff.Locator("body")).Not.ToContainTextAsync(e164);
    }
}
