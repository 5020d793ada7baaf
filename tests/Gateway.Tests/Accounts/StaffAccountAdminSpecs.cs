using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Admin.Accounts;
using Gateway.Admin.Audit;
using Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using static Gateway.Tests.Accounts.StaffAccountHost;

namespace Gateway.Tests.Accounts;

/// <summary>
/// Issue 26 item 7: programme administrators manage accounts (API and console), the first administrator comes from the
/// command line, and the audit log names the person who acted, not a key.
/// </summary>
public sealed class StaffAccountAdminSpecs
{
    private const string Own = "a-long-own-password-2026";

    [Theory]
    [InlineData("karim", "Karim B.", "staff", null, "commune", "A staff account needs its commune.")]
    [InlineData("karim", "Karim B.", "programme", "agadir", "commune", "A programme account covers every commune")]
    [InlineData("Karim B", "Karim B.", "staff", "agadir", "login", "The login must be 2-40 lowercase letters")]
    [InlineData("karim", "", "staff", "agadir", "displayName", "The display name is required")]
    [InlineData("karim", "Karim B.", "mayor", "agadir", "role", "The role must be programme, staff or observer.")]
    [InlineData("karim", "Karim B.", "staff", "atlantis", "commune", "Unknown commune.")]
    public async Task The_api_refuses_an_account_it_cannot_create_and_names_the_field(string login, string display, string role, string? commune,
        string field, string reason)
    {
        await using var app = Create();
        using var api = app.CreateClient(ProgrammeKey);

        using var response = await api.PostAsJsonAsync("/api/accounts", new { login, displayName = display, role, commune });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains(reason, errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_given_password_is_checked_against_the_rules_and_a_taken_login_is_a_conflict()
    {
        await using var app = Create();
        using var api = app.CreateClient(ProgrammeKey);

        using var weak = await api.PostAsJsonAsync("/api/accounts", new { login = "karim", displayName = "Karim", role = "observer", password = "karim-password-1" });
        using var made = await api.PostAsJsonAsync("/api/accounts", new { login = "karim", displayName = "Karim", role = "observer", password = Own });
        using var twice = await api.PostAsJsonAsync("/api/accounts", new { login = "Karim", displayName = "Other", role = "observer" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var created = JsonDocument.Parse(await made.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Null, created.GetProperty("password").ValueKind);
        Assert.False(created.GetProperty("account").TryGetProperty("passwordHash", out _));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task Only_the_programme_manages_accounts()
    {
        await using var app = Create()
            .With("Admin:ApiKeys:1:Key", "accounts-agadir-staff-0123456789").With("Admin:ApiKeys:1:Name", "agadir").With("Admin:ApiKeys:1:Commune", "agadir");
        using var staff = app.CreateClient("accounts-agadir-staff-0123456789");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/accounts", new { login = "x1", displayName = "X", role = "staff", commune = "agadir" })).StatusCode);
        var person = await SignedInAsync(app, "karim", "Karim B.", "staff", "agadir");
        Assert.Equal(HttpStatusCode.Forbidden, (await person.Http.GetAsync("/console/accounts")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_names_the_person_who_acted_in_the_console_by_name_and_login()
    {
        await using var app = Create();
        var admin = await SignedInAsync(app, "amina.admin", "Amina El Idrissi", "programme", null);

        using var created = await admin.PostFormAsync("/console/accounts", ("_handler", "account-create"), ("DisplayName", "Youssef Amrani"),
            ("Login", "youssef"), ("Role", "staff"), ("Commune", "agadir"), ("Password", ""));
        var page = await TextAsync(created);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("data-testid=\"account-password\"", page);
        using var disabled = await admin.PostFormAsync("/console/accounts", ("_handler", "account-action"), ("Action", "disable:youssef"));
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        using var api = app.CreateClient(ProgrammeKey);
        var entries = await api.GetFromJsonAsync<List<AuditEntry>>("/api/audit?max=10", JsonSerializerOptions.Web);
        var create = Assert.Single(entries!, e => e.Action == "console account.create");
        Assert.Equal(("Amina El Idrissi", "amina.admin", AuditSurfaces.Console), (create.Actor, create.Person, create.Surface));
        Assert.Contains("login=youssef", create.Target);
        var disable = Assert.Single(entries!, e => e.Action == "console account.disable");
        Assert.Equal("amina.admin", disable.Person);
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/accounts");
        var youssef = listed.EnumerateArray().Single(a => a.GetProperty("login").GetString() == "youssef");
        Assert.True(youssef.GetProperty("disabled").GetBoolean());
        Assert.Equal("Amina El Idrissi (amina.admin)", youssef.GetProperty("updatedBy").GetString());
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        await using var app = Create();
        var admin = await SignedInAsync(app, "amina.admin", "Amina El Idrissi", "programme", null);

        using var answer = await admin.PostFormAsync("/console/accounts", ("_handler", "account-action"), ("Action", "disable:amina.admin"));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/console/accounts")).StatusCode);
    }

    [Fact]
    public async Task Without_redis_accounts_create_prints_settings_that_give_the_first_administrator_at_start()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await AccountsCommand.RunAsync(["accounts", "create", "--user", "first.admin", "--display", "Première Administratrice", "--password-stdin"],
            new ConfigurationBuilder().Build(), null, null, TimeProvider.System, new StringReader(Own + "\n"), output, errors);
        Assert.True(code == 0, errors.ToString());
        var settings = output.ToString().Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Accounts__Initial__0__", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0].Replace("__", ":"), p => p[1]);
        Assert.DoesNotContain(Own, output.ToString());

        await using var app = Create();
        foreach (var (key, value) in settings) app.With(key, value);
        var client = StaffAccountHost.Console(app);
        using var first = await client.SignInWithPasswordAsync("first.admin", Own);

        Assert.Contains("Première connexion", await TextAsync(first));
        Assert.Equal(HttpStatusCode.Redirect, (await client.ChangePasswordAsync("first.admin", Own, "another-long-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/console/accounts")).StatusCode);
    }

    [Fact]
    public async Task With_a_store_the_accounts_command_creates_lists_disables_and_resets_and_the_audit_log_records_it()
    {
        var store = new InMemoryStaffAccounts(TimeProvider.System);
        var audit = new InMemoryAuditLog();
        var configuration = new ConfigurationBuilder().Build();
        async Task<(int Code, string Output)> RunAsync(params string[] args)
        {
            var output = new StringWriter();
            var errors = new StringWriter();
            var code = await AccountsCommand.RunAsync(args, configuration, store, audit, TimeProvider.System, new StringReader(""), output, errors);
            return (code, output + errors.ToString());
        }

        var created = await RunAsync("accounts", "create", "--user", "root", "--display", "Root Admin", "--role", "programme");
        Assert.Equal(0, created.Code);
        Assert.Matches(@"\n  [A-Za-z0-9]{16}\r?\n", created.Output);
        Assert.Contains("root\tRoot Admin\tprogramme\t(programme)\tmust change password", (await RunAsync("accounts", "list")).Output);
        Assert.Equal(0, (await RunAsync("accounts", "disable", "root")).Code);
        Assert.True((await store.FindAsync("root", CancellationToken.None))!.Disabled);
        Assert.Equal(0, (await RunAsync("accounts", "reset", "root")).Code);
        Assert.Equal(2, (await RunAsync("accounts", "reset", "nobody")).Code);

        var actions = (await audit.ReadAsync(10, CancellationToken.None)).Select(e => (e.Action, e.Surface)).ToList();
        Assert.Equal(new[] { ("account.reset", "cli"), ("account.disabled", "cli"), ("account.created", "cli") }, actions);
    }

    [Fact]
    public async Task Keys_do_not_sign_in_to_the_console_in_production_but_accounts_do()
    {
        await using var app = Trust.ProductionStartSpecs.SafeProduction();
        var client = ConsoleClient.Anonymous(app);

        var page = await client.Http.GetStringAsync("/console/signin");
        using var key = await client.PostFormAsync("/console/signin", ("_handler", "signin"), ("Form.Key", Trust.ProductionStartSpecs.ProgrammeKey));

        Assert.DoesNotContain("Form.Key", page);
        Assert.NotEqual(HttpStatusCode.Redirect, key.StatusCode);
        using var api = app.CreateClient(Trust.ProductionStartSpecs.ProgrammeKey);
        using var made = await api.PostAsJsonAsync("/api/accounts", new { login = "amina", displayName = "Amina", role = "programme", password = Own });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        using var first = await client.SignInWithPasswordAsync("amina", Own);
        Assert.Contains("Première connexion", await TextAsync(first));
    }
}
