using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text;
using Gateway.Admin;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Trust;

/// <summary>Admin keys: checked before the body on every admin route (401), hashed in configuration, with roles (403).</summary>
public sealed class AdminKeySpecs
{
    private const string ObserverKey = "observer-key-0123456789-abcdefghijkl";
    private const string StaffKey = "casablanca-staff-key-0123456789-abcdef";

    public static TheoryData<string, string?> Environments => new()
    {
        { "Development", null }, { "Development", "wrong-key-0123456789-abcdefghijklmnop" },
        { "Production", null }, { "Production", "wrong-key-0123456789-abcdefghijklmnop" },
        { "Testing", "" },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Every_admin_route_answers_401_without_a_valid_key_before_reading_the_body(string environment, string? key)
    {
        await using var app = environment == "Production"
            ? ProductionStartSpecs.SafeProduction().With("Simulator:Open", "false")
            : new GatewayApplication { EnvironmentName = environment }.With("Simulator:Open", "false")
                .With("Admin:ApiKeys:0:Key", "dev-programme-key-change-me").With("Admin:ApiKeys:0:Name", "programme");
        var logs = new CapturedLogs();
        app.WithServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        using var client = app.CreateClient();

        var routes = AdminRoutes(app);
        Assert.True(routes.Count >= 10, $"only {routes.Count} admin routes found");
        foreach (var (method, path) in routes)
        {
            // Not JSON at all: a route that read or bound the body before the key would answer 400 or 415.
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
            if (key is not null) request.Headers.Add(AdminExtensions.HeaderName, key);
            using var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty(logs.Failures());
    }

    [Fact]
    public async Task The_development_key_of_the_readme_works_in_development()
    {
        await using var app = new GatewayApplication { EnvironmentName = "Development" };
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AdminExtensions.HeaderName, "dev-programme-key-change-me");

        using var response = await client.GetAsync("/api/polls");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_configured_by_its_hash_is_accepted_and_the_hash_itself_is_not_a_key()
    {
        await using var app = ProductionStartSpecs.SafeProduction();
        using var client = app.CreateClient();

        using var withKey = await Get(client, "/api/polls", ProductionStartSpecs.ProgrammeKey);
        using var withHash = await Get(client, "/api/polls", AdminKeys.HashText(ProductionStartSpecs.ProgrammeKey));

        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withHash.StatusCode);
    }

    [Fact]
    public async Task An_observer_reads_but_may_not_create_or_close_a_poll()
    {
        await using var app = Host();
        using var client = app.CreateClient();

        using var list = await Get(client, "/api/polls", ObserverKey);
        using var create = await Send(client, HttpMethod.Post, "/api/polls", ObserverKey, "{}");
        using var close = await Send(client, HttpMethod.Post, "/api/polls/p1/close", ObserverKey, "");
        using var erase = await Send(client, HttpMethod.Delete, "/api/contacts/%2B212612345678", ObserverKey, null);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, erase.StatusCode);
        Assert.Contains("observer", await create.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_audit_log_records_who_erased_a_contact_without_naming_the_contact_and_only_programme_admins_read_it()
    {
        await using var app = Host();
        using var client = app.CreateClient();
        var citizen = await new SimulatorPhone(client, from: "+212612345670").SendAsync("AVIS");

        using var erase = await Send(client, HttpMethod.Delete, "/api/contacts/%2B212612345670", ProductionStartSpecs.ProgrammeKey, null);
        using var audit = await Get(client, "/api/audit", ProductionStartSpecs.ProgrammeKey);
        using var byStaff = await Get(client, "/api/audit", StaffKey);
        using var byObserver = await Get(client, "/api/audit", ObserverKey);

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        var log = await audit.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var entry = System.Text.Json.JsonDocument.Parse(log).RootElement.EnumerateArray().Single();
        Assert.Equal("programme", entry.GetProperty("actor").GetString());
        Assert.Equal("DELETE /api/contacts/{phone}", entry.GetProperty("action").GetString());
        Assert.Equal(204, entry.GetProperty("status").GetInt32());
        Assert.DoesNotContain("612345670", log);
        Assert.DoesNotContain(citizen.ContactId, log);
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byObserver.StatusCode);
    }

    [Fact]
    public void Roles_default_from_the_commune_and_a_commune_key_cannot_be_programme()
    {
        var keys = new AdminKeys(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:ApiKeys:0:Key"] = "programme-key-0123456789", ["Admin:ApiKeys:0:Name"] = "p",
            ["Admin:ApiKeys:1:Key"] = "commune-key-0123456789", ["Admin:ApiKeys:1:Name"] = "c", ["Admin:ApiKeys:1:Commune"] = "agadir",
            ["Admin:ApiKeys:2:Key"] = "sneaky-key-0123456789", ["Admin:ApiKeys:2:Name"] = "s", ["Admin:ApiKeys:2:Commune"] = "agadir", ["Admin:ApiKeys:2:Role"] = "programme",
            ["Admin:ApiKeys:3:Key"] = "watcher-key-0123456789", ["Admin:ApiKeys:3:Name"] = "w", ["Admin:ApiKeys:3:Role"] = "Observer",
        }).Build());

        Assert.Equal(AdminRole.Programme, keys.Find("programme-key-0123456789")!.Role);
        Assert.Equal(AdminRole.Staff, keys.Find("commune-key-0123456789")!.Role);
        Assert.Equal(AdminRole.Staff, keys.Find("sneaky-key-0123456789")!.Role);
        Assert.Equal(AdminRole.Observer, keys.Find("watcher-key-0123456789")!.Role);
        Assert.True(keys.Find("watcher-key-0123456789")!.IsProgramme);
        Assert.False(keys.Find("watcher-key-0123456789")!.CanAct);
    }

    private static GatewayApplication Host() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Name", "programme").With("Admin:ApiKeys:0:Hash", AdminKeys.HashText(ProductionStartSpecs.ProgrammeKey))
        .With("Admin:ApiKeys:1:Name", "watcher").With("Admin:ApiKeys:1:Hash", AdminKeys.HashText(ObserverKey)).With("Admin:ApiKeys:1:Role", "observer")
        .With("Admin:ApiKeys:2:Name", "casa").With("Admin:ApiKeys:2:Hash", AdminKeys.HashText(StaffKey)).With("Admin:ApiKeys:2:Commune", "casablanca");

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string key) => Send(client, HttpMethod.Get, path, key, null);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string key, string? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add(AdminExtensions.HeaderName, key);
        return client.SendAsync(request);
    }

    /// <summary>Every admin API route (under /api/, not public), read from the host's own endpoints (route values filled with "x").</summary>
    private static List<(string Method, string Path)> AdminRoutes(GatewayApplication app)
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
                || endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) != true) continue;
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => "x",
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                routes.Add((method, path));
        }
        return routes;
    }
}
