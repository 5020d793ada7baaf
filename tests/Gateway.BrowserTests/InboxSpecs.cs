using System.Text.RegularExpressions;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

[Collection(ConsoleCollection.Name)]
public sealed partial class InboxSpecs(BrowserFixture browser)
{
    /// <summary>A citizen reports a water problem through the simulator; returns the reference they were given.</summary>
    public static async Task<string> FileReportAsync(SimulatorPage sim)
    {
        await sim.SendAsync("AVIS");
        await sim.SendAsync("2");
        await sim.SendAsync("Pas d'eau au robinet depuis 3 jours");
        var thanks = string.Join("\n", await sim.SendAsync("1"));
        return Reference().Match(thanks) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException("No reference in: " + thanks);
    }

    [GeneratedRegex(@"R-[0-9A-Z]{4,}")]
    private static partial Regex Reference();

    [Fact]
    public async Task Answering_a_report_in_the_inbox_reaches_the_citizen_in_the_simulator()
    {
        var staff = await browser.NewPageAsync();
        await ConsolePages.SignInAsync(staff, returnUrl: "/console/casablanca/simulator");
        var phone = await staff.Context.NewPageAsync();
        var sim = new SimulatorPage(phone);
        await sim.OpenAsync("casablanca", ConsolePages.NewPhone());
        var reference = await FileReportAsync(sim);
        await Expect(phone.Locator("[data-testid=event]").First).ToContainTextAsync("FeedbackReceived");
        await ConsolePages.ScreenshotsAsync(phone, "simulator");

        await staff.GotoAsync("/console/casablanca/inbox?status=new");
        await staff.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(staff.Locator("[data-testid=report-status]")).ToHaveTextAsync("Nouveau");
        await ConsolePages.ScreenshotsAsync(staff, "inbox-report");

        // The citizen gets the text as the preview shows it (never folded: it carries the clerk's words), GSM-7 as written.
        var preview = staff.Locator("[data-testid=citizen-message]");
        await staff.GetByLabel("Nouveau statut").SelectOptionAsync("acknowledged");
        await Expect(preview).ToContainTextAsync($"Votre signalement {reference} est bien arrivé à la commune.");
        await Expect(staff.Locator("[data-testid=citizen-segments]")).ToContainTextAsync("GSM-7");

        await staff.GetByLabel("Nouveau statut").SelectOptionAsync("resolved");
        await staff.GetByLabel("Message au citoyen").FillAsync("Le technicien est passé ce matin.");
        await Expect(preview).ToContainTextAsync($"Votre signalement {reference} est résolu.");
        await Expect(preview).ToContainTextAsync("Le technicien est passé ce matin.");
        await Expect(staff.Locator("[data-testid=citizen-segments]")).ToContainTextAsync("1 SMS");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le statut" }).ClickAsync();
        await Expect(staff.Locator("[data-testid=report-status]")).ToHaveTextAsync("Résolu");
        await Expect(staff.Locator(".history")).ToContainTextAsync("Le technicien est passé ce matin.");

        // The phone's side panel refreshes by itself: the answer arrives as the citizen reads it.
        await Expect(phone.Locator("[data-testid=pushed]").First).ToContainTextAsync($"Votre signalement {reference} est résolu. Merci de votre participation ! Le technicien est passé ce matin.");
        await ConsolePages.ScreenshotsAsync(phone, "simulator-answered");

        await staff.GotoAsync("/console/casablanca/inbox");
        await Expect(staff.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotsAsync(staff, "inbox");
    }
}
