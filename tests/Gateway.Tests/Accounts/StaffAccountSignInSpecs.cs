using System.Net;
using System.Text.Json;
using static Gateway.Tests.Accounts.StaffAccountHost;

namespace Gateway.Tests.Accounts;

/// <summary>
/// Issue 26 item 7: people sign in to the console with their own login and password. A password someone else gave is
/// changed before any session opens; failures are throttled per account and address and per address, never locking a
/// person out from their own desk; a disabled or reset account's sessions end at their next request.
/// </summary>
public sealed class StaffAccountSignInSpecs
{
    private const string Own = "a-long-own-password-2026";

    [Fact]
    public async Task A_new_account_must_change_its_temporary_password_before_a_session_opens_and_then_reaches_its_commune()
    {
        await using var app = Create();
        var temporary = await CreateAccountAsync(app, "fatima.z", "Fatima Zahra", "staff", "agadir");
        var client = StaffAccountHost.Console(app);

        using var first = await client.SignInWithPasswordAsync("fatima.z", temporary);
        var page = await TextAsync(first);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Première connexion", page);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/console/agadir")).StatusCode);

        using var changed = await client.ChangePasswordAsync("fatima.z", temporary, Own);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var home = await client.Http.GetAsync("/console/agadir");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Fatima Zahra", await TextAsync(home));

        var again = StaffAccountHost.Console(app);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInWithPasswordAsync("FATIMA.Z", Own)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await again.SignInWithPasswordAsync("fatima.z", temporary)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_refusal()
    {
        await using var app = Create();
        await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");
        var client = StaffAccountHost.Console(app, "192.0.2.50");

        using var wrong = await client.SignInWithPasswordAsync("karim", "not-the-password-at-all");
        using var unknown = await client.SignInWithPasswordAsync("nobody", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Identifiant ou mot de passe incorrect.", await TextAsync(wrong));
        Assert.Contains("Identifiant ou mot de passe incorrect.", await TextAsync(unknown));
    }

    [Fact]
    public async Task Five_failures_from_one_address_stop_that_address_for_that_account_until_the_window_ends_while_the_person_elsewhere_still_signs_in()
    {
        await using var app = Create();
        await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");
        var guesser = StaffAccountHost.Console(app, "198.51.100.7");
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.BadRequest, (await guesser.SignInWithPasswordAsync("karim", $"guess-number-{i}-xxxx")).StatusCode);

        using var refused = await guesser.SignInWithPasswordAsync("karim", Own);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 900);
        Assert.Contains("Trop d'essais manqués depuis cet appareil", await TextAsync(refused));

        var desk = StaffAccountHost.Console(app, "192.0.2.1");
        Assert.Equal(HttpStatusCode.Redirect, (await desk.SignInWithPasswordAsync("karim", Own)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Redirect, (await guesser.SignInWithPasswordAsync("karim", Own)).StatusCode);
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_on_any_accounts_stop_that_address_for_every_account_but_not_other_addresses()
    {
        await using var app = Create();
        await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");
        var guesser = StaffAccountHost.Console(app, "198.51.100.9");
        for (var i = 0; i < 20; i++) await guesser.SignInWithPasswordAsync($"someone{i % 4}", "guess-password-xxxx");

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.SignInWithPasswordAsync("karim", Own)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffAccountHost.Console(app, "198.51.100.10").SignInWithPasswordAsync("karim", Own)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session_and_is_refused_at_sign_in_and_enabled_again_signs_in()
    {
        await using var app = Create();
        var client = await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/console/agadir")).StatusCode);
        using var api = app.CreateClient(ProgrammeKey);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/accounts/karim/disable", null)).StatusCode);

        using var after = await client.Http.GetAsync("/console/agadir");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/console/signin", after.Headers.Location!.ToString());
        using var refused = await StaffAccountHost.Console(app).SignInWithPasswordAsync("karim", Own);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Ce compte est désactivé", await TextAsync(refused));

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/accounts/karim/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffAccountHost.Console(app).SignInWithPasswordAsync("karim", Own)).StatusCode);
    }

    [Fact]
    public async Task A_reset_ends_the_persons_sessions_and_its_new_temporary_password_must_be_changed()
    {
        await using var app = Create();
        var client = await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");
        using var api = app.CreateClient(ProgrammeKey);

        using var reset = await api.PostAsync("/api/accounts/karim/reset", null);
        var temporary = JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("password").GetString()!;

        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/console/agadir")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await StaffAccountHost.Console(app).SignInWithPasswordAsync("karim", Own)).StatusCode);
        using var first = await StaffAccountHost.Console(app).SignInWithPasswordAsync("karim", temporary);
        Assert.Contains("Première connexion", await TextAsync(first));
    }

    [Fact]
    public async Task A_session_ends_after_an_hour_without_a_request()
    {
        await using var app = Create();
        var client = await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");

        app.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/console/agadir")).StatusCode);
    }

    [Fact]
    public async Task A_used_session_slides_past_the_idle_timeout_but_ends_twelve_hours_after_sign_in()
    {
        await using var app = Create();
        var client = await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");

        for (var elapsed = TimeSpan.Zero; elapsed + TimeSpan.FromMinutes(40) < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(40))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(40));
            using var page = await client.Http.GetAsync("/console/agadir");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"after {elapsed + TimeSpan.FromMinutes(40)}: {(int)page.StatusCode} {page.Headers.Location}");
        }
        app.Clock.Advance(TimeSpan.FromMinutes(40));

        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/console/agadir")).StatusCode);
    }

    [Theory]
    [InlineData("short-pass", "", "Le mot de passe doit compter au moins 12 caractères.")]
    [InlineData("karim-is-my-password", "", "Le mot de passe ne doit pas contenir l'identifiant.")]
    [InlineData("a-long-own-password-2026", "a-long-own-password-2027", "Les deux nouveaux mots de passe diffèrent.")]
    public async Task A_new_password_that_breaks_a_rule_is_refused_with_its_reason(string next, string repeat, string reason)
    {
        await using var app = Create();
        var temporary = await CreateAccountAsync(app, "karim", "Karim B.", "staff", "agadir");
        var client = StaffAccountHost.Console(app);

        using var answer = await client.ChangePasswordAsync("karim", temporary, next, repeat.Length > 0 ? repeat : next);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(reason, await TextAsync(answer));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/console/agadir")).StatusCode);
    }

    [Fact]
    public async Task The_account_form_answers_in_arabic_on_an_arabic_page()
    {
        await using var app = Create();
        var client = StaffAccountHost.Console(app);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/console/language", ("language", "ar"), ("returnUrl", "/console/signin"))).StatusCode);

        using var wrong = await client.SignInWithPasswordAsync("nobody", "not-the-password-at-all");

        Assert.Contains("اسم المستخدم أو كلمة المرور غير صحيحة.", await TextAsync(wrong));
    }
}
