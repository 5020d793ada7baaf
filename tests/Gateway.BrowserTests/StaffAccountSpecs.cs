using System.Text.Json;
using Gateway.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.BrowserTests;

/// <summary>
/// Issue 26 item 7, as people live it: the programme's administrator (the development account) creates a clerk's account
/// in the console, the clerk signs in on a phone and must choose a password, handles a report, the audit log and the
/// report's history name her, then the administrator (in Arabic) disables the account and her next sign-in is refused.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class StaffAccountSpecs(BrowserFixture browser)
{
    private const string DevelopmentLogin = "admin";
    private const string DevelopmentPassword = "development-password";
    private const string OwnPassword = "mon-mot-de-passe-a-moi-2026";

    [Fact]
    public async Task A_clerks_account_is_created_used_named_in_the_audit_log_then_disabled_and_refused()
    {
        var login = "salma" + Random.Shared.Next(1000, 9999);
        const string name = "Salma Ait Lahcen";

        // The administrator creates the account; the temporary password is shown once.
        var admin = await browser.NewPageAsync();
        await ConsolePages.SignInWithPasswordAsync(admin, DevelopmentLogin, DevelopmentPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Gérer les comptes du personnel" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Comptes du personnel", Level = 1 })).ToBeVisibleAsync();
        await admin.GetByLabel("Nom", new() { Exact = true }).FillAsync(name);
        await admin.GetByLabel("Identifiant").FillAsync(login);
        await admin.GetByLabel("Rôle").SelectOptionAsync("staff");
        await admin.GetByLabel("Commune").SelectOptionAsync("agadir");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Créer le compte" }).ClickAsync();
        await Expect(admin.Locator("[data-testid=account-message]")).ToContainTextAsync($"Compte {name} créé.");
        var temporary = (await admin.Locator("[data-testid=account-password] pre").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Za-z0-9]{16}$", temporary);
        await Expect(admin.Locator($"tr[data-login='{login}']")).ToContainTextAsync("Mot de passe à changer");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(admin));
        await ConsolePages.ScreenshotsAsync(admin, "accounts");

        // The clerk signs in on her phone: first a password of her own.
        var clerk = await browser.NewPageAsync(390, 844);
        await ConsolePages.SignInWithPasswordAsync(clerk, login, temporary);
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "Changer le mot de passe" })).ToBeVisibleAsync();
        await Expect(clerk.GetByText("Première connexion")).ToBeVisibleAsync();
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(clerk));
        await ConsolePages.ScreenshotsAsync(clerk, "password-change");
        await clerk.GetByLabel("Mot de passe actuel (ou provisoire)").FillAsync(temporary);
        await clerk.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync(OwnPassword);
        await clerk.GetByLabel("Nouveau mot de passe, à nouveau").FillAsync(OwnPassword);
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et se connecter" }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" })).ToBeVisibleAsync();
        await Expect(clerk.Locator(".who")).ToHaveTextAsync(name);

        // She handles a citizen's report: the history names her.
        var phone = await clerk.Context.NewPageAsync();
        var sim = new SimulatorPage(phone);
        await sim.OpenAsync("agadir", ConsolePages.NewPhone());
        var reference = await InboxSpecs.FileReportAsync(sim);
        await clerk.GotoAsync("/console/agadir/inbox?status=new");
        await clerk.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await clerk.GetByLabel("Nouveau statut").SelectOptionAsync("acknowledged");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le statut" }).ClickAsync();
        await Expect(clerk.Locator("[data-testid=report-status]")).ToHaveTextAsync("Pris en compte");
        await Expect(clerk.Locator(".history")).ToContainTextAsync(name);

        // The audit log names the person (name and login), not a key.
        var audit = await admin.APIRequest.GetAsync("/api/audit?max=50", new() { Headers = new Dictionary<string, string> { ["X-Api-Key"] = ConsoleHost.DevelopmentKey } });
        var entries = JsonDocument.Parse(await audit.TextAsync()).RootElement.EnumerateArray().ToList();
        var status = entries.First(e => e.GetProperty("action").GetString() == "console report.status" && e.GetProperty("target").GetString()!.Contains(reference));
        Assert.Equal((name, login), (status.GetProperty("actor").GetString(), status.GetProperty("person").GetString()));
        var creation = entries.First(e => e.GetProperty("action").GetString() == "console account.create" && e.GetProperty("target").GetString()!.Contains(login));
        Assert.Equal(DevelopmentLogin, creation.GetProperty("person").GetString());

        // The administrator, in Arabic, disables the account: the clerk's session ends and her next sign-in is refused.
        await ConsolePages.SwitchToArabicAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = $"تعطيل حساب {name}" }).ClickAsync();
        await Expect(admin.Locator("[data-testid=account-message]")).ToContainTextAsync($"تم تعطيل الحساب {name}");
        await Expect(admin.Locator($"tr[data-login='{login}']")).ToContainTextAsync("معطل");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(admin));
        await ConsolePages.ScreenshotsAsync(admin, "accounts");

        await clerk.GotoAsync("/console/agadir/inbox");
        Assert.Contains("/console/signin", clerk.Url);
        await ConsolePages.SwitchToArabicAsync(clerk);
        await ConsolePages.SignInWithPasswordAsync(clerk, login, OwnPassword, "/console/signin");
        await Expect(clerk.GetByRole(AriaRole.Alert)).ToContainTextAsync("هذا الحساب معطل");
        Assert.Empty(await ConsolePages.SeriousViolationsAsync(clerk));
        await ConsolePages.ScreenshotsAsync(clerk, "signin-disabled");
        await ConsolePages.SwitchToFrenchAsync(clerk);
        await ConsolePages.SignInWithPasswordAsync(clerk, login, OwnPassword, "/console/signin");
        await Expect(clerk.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ce compte est désactivé");
        await ConsolePages.ScreenshotsAsync(clerk, "signin-disabled");
    }
}
