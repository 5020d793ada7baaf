using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Admin;
using Gateway.Admin.Audit;
using Gateway.Admin.Stored;
using Gateway.Tests.Bus;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Hosting;

namespace Gateway.Tests.Trust;

/// <summary>
/// Issue 17 item 3: keys created by <c>keys create</c> live hashed in the key store and are revoked for real, on every
/// replica within the key cache, without a restart. Here the in-memory store stands in for Redis (the integration tests
/// run the same on real Redis with the command as a process and two gateways).
/// </summary>
public sealed class StoredAdminKeySpecs
{
    private const string ConfiguredKey = "configured-programme-key-0123456789";
    private const string OtherKey = "configured-settat-key-0123456789";

    private static (GatewayApplication App, InMemoryAdminKeyStore Store) Create()
    {
        var store = new InMemoryAdminKeyStore();
        var app = new GatewayApplication()
            .With("Admin:ApiKeys:0:Key", ConfiguredKey).With("Admin:ApiKeys:0:Name", "programme")
            .With("Admin:ApiKeys:1:Key", OtherKey).With("Admin:ApiKeys:1:Name", "settat").With("Admin:ApiKeys:1:Commune", "settat")
            .With("Admin:KeyCache", "00:00:00.300")
            .WithServices(services =>
            {
                services.AddSingleton<IAdminKeyStore>(store);
                services.AddHostedService<AdminKeyRefresher>();
            });
        return (app, store);
    }

    private static async Task<(int Code, string Output, string Errors)> KeysAsync(GatewayApplication app, IAdminKeyStore store, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await KeysCommand.RunAsync(["keys", .. args], app.Services.GetRequiredService<IConfiguration>(), store,
            app.Services.GetRequiredService<IAuditLog>(), app.Clock, output, errors);
        return (code, output.ToString().Replace("\r", ""), errors.ToString());
    }

    private static Task<HttpStatusCode> StatusAsync(GatewayApplication app, string key, string path = "/api/polls")
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(AdminExtensions.HeaderName, key);
        return http.GetAsync(path).ContinueWith(t => t.Result.StatusCode);
    }

    [Fact]
    public async Task A_created_key_is_stored_hashed_works_at_once_and_stops_when_revoked_with_both_in_the_audit_log()
    {
        var (app, store) = Create();
        await using var _ = app;

        var (code, output, errors) = await KeysAsync(app, store, "create", "--name", "casa desk", "--commune", "casablanca", "--role", "observer");

        Assert.True(code == 0, errors);
        var key = output.Split('\n').Select(l => l.Trim()).Single(l => l.Length == 43 && !l.Contains(' '));
        Assert.DoesNotContain("Admin__ApiKeys__", output); // nothing to configure: the store holds it
        var snapshot = await store.ReadAsync(CancellationToken.None);
        var stored = Assert.Single(snapshot.Keys);
        Assert.Equal((AdminKeys.HashText(key), "casablanca", "observer"), (stored.Hash, stored.Commune, stored.Role));
        Assert.DoesNotContain(key, JsonSerializer.Serialize(snapshot));

        await Wait.ForAsync(() => StatusAsync(app, key), s => s == HttpStatusCode.OK, "the stored key to work");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, key, "/api/feedback/stats?commune=settat")); // its commune only
        var listed = await KeysAsync(app, store, "list");
        Assert.Contains("stored\tcasa desk\tobserver\tcasablanca\tsha256:", listed.Output);

        var revoked = await KeysAsync(app, store, "revoke", "casa desk");
        Assert.True(revoked.Code == 0, revoked.Errors);
        await Wait.ForAsync(() => StatusAsync(app, key), s => s == HttpStatusCode.Unauthorized, "the revoked key to be refused");
        Assert.Empty((await store.ReadAsync(CancellationToken.None)).Keys);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, ConfiguredKey));

        var audit = await app.Services.GetRequiredService<IAuditLog>().ReadAsync(10, CancellationToken.None);
        Assert.Equal(["key.revoked", "key.created"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Contains("name=casa desk", e.Target));
        Assert.All(audit, e => Assert.DoesNotContain(key, e.Target));
        Assert.All(audit, e => Assert.Equal(AuditSurfaces.Cli, e.Surface));
    }

    [Fact]
    public async Task Revoking_a_configuration_key_refuses_it_while_its_settings_remain_and_other_keys_keep_working()
    {
        var (app, store) = Create();
        await using var _ = app;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, OtherKey));

        var (code, output, errors) = await KeysAsync(app, store, "revoke", "--name", "settat");

        Assert.True(code == 0, errors);
        Assert.Contains("revoked", output);
        await Wait.ForAsync(() => StatusAsync(app, OtherKey), s => s == HttpStatusCode.Unauthorized, "the revoked configuration key to be refused");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, ConfiguredKey));
        Assert.Contains("settat\tstaff\tsettat\tKEY IN CLEAR (development only)\tREVOKED", (await KeysAsync(app, store, "list")).Output);
        Assert.Equal(2, (await KeysAsync(app, store, "revoke", "nobody")).Code);
        Assert.Equal(2, (await KeysAsync(app, store, "create", "--name", "programme")).Code); // a configured name
    }

    [Fact]
    public async Task With_the_store_down_configuration_keys_work_revocations_hold_and_stored_keys_fail_closed_with_503()
    {
        var (app, store) = Create();
        await using var _ = app;
        var (_, output, _) = await KeysAsync(app, store, "create", "--name", "stored one");
        var key = output.Split('\n').Select(l => l.Trim()).Single(l => l.Length == 43 && !l.Contains(' '));
        await KeysAsync(app, store, "revoke", "settat");
        await Wait.ForAsync(() => StatusAsync(app, key), s => s == HttpStatusCode.OK, "the stored key to work");
        await Wait.ForAsync(() => StatusAsync(app, OtherKey), s => s == HttpStatusCode.Unauthorized, "the revocation to be read");

        store.Down = true;

        await Wait.ForAsync(() => StatusAsync(app, key), s => s == HttpStatusCode.ServiceUnavailable, "the stored key to fail closed");
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(AdminExtensions.HeaderName, key);
        using var response = await http.GetAsync("/api/polls");
        Assert.Contains("key store", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, ConfiguredKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, OtherKey)); // revoked stays revoked while Redis is down
        Assert.Equal(1, (await KeysAsync(app, store, "revoke", "stored one")).Code); // the command says the store failed

        store.Down = false;
        await Wait.ForAsync(() => StatusAsync(app, key), s => s == HttpStatusCode.OK, "the stored key to work again");
    }
    [Fact]
    public async Task With_the_store_down_open311_and_the_console_answer_503_for_a_stored_key_instead_of_refusing_it_or_signing_out()
    {
        var (app, store) = Create();
        await using var _ = app;
        var (_, output, _) = await KeysAsync(app, store, "create", "--name", "clerk", "--commune", "casablanca");
        var key = output.Split('\n').Select(l => l.Trim()).Single(l => l.Length == 43 && !l.Contains(' '));
        var open311 = app.CreateClient();
        Task<HttpStatusCode> Open311Async() => open311.GetAsync("/open311/v2/requests.json?api_key=" + Uri.EscapeDataString(key)).ContinueWith(t => t.Result.StatusCode);
        await Wait.ForAsync(Open311Async, s => s == HttpStatusCode.OK, "the stored key to work on Open311");
        var console = app.CreateClient();
        using (var signedIn = await SignInAsync(console, key))
            Assert.EndsWith("/console/casablanca", signedIn.RequestMessage!.RequestUri!.AbsolutePath);

        store.Down = true;

        await Wait.ForAsync(Open311Async, s => s == HttpStatusCode.ServiceUnavailable, "Open311 to fail closed with 503");
        Assert.Equal(HttpStatusCode.Unauthorized, (await open311.GetAsync("/open311/v2/requests.json")).StatusCode); // no key: still 401
        using (var page = await console.GetAsync("/console/casablanca"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode); // the clerk stays signed in, told to try again
            Assert.EndsWith("/console/casablanca", page.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("Service momentanément indisponible", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
            Assert.NotNull(page.Headers.RetryAfter);
        }
        using (var download = await console.GetAsync("/console/casablanca/inbox/feedback.csv"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, download.StatusCode);
        using (var signIn = await SignInAsync(app.CreateClient(), key))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
            Assert.Contains("ne peut pas être vérifiée", WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync()));
        }

        store.Down = false;
        await Wait.ForAsync(Open311Async, s => s == HttpStatusCode.OK, "Open311 to work again");
        using var back = await console.GetAsync("/console/casablanca");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    /// <summary>Posts the console's sign-in form as a browser does (its antiforgery token, then the redirect followed).</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key)
    {
        var form = await browser.GetStringAsync("/console/signin");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync("/console/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = token, ["Form.Key"] = key, ["Form.ReturnUrl"] = "/console/casablanca",
        }));
    }
}
