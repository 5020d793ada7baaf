using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Admin;
using Gateway.Admin.Stored;
using Gateway.Conversations;
using Microsoft.AspNetCore.Http;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Trust;

/// <summary>
/// Locked by default, proven by a matrix: every endpoint of the running gateway and every console form, called as each kind
/// of caller, answers what <see cref="AuthorizationMatrix"/> says. The host runs as Production would (simulator closed); a
/// route or a form the table does not know fails the test by name, so nothing new ships unclassified.
/// </summary>
public sealed partial class AuthorizationMatrixSpecs
{
    private const string Commune = "agadir";
    private const string Citizen = "+212612345678";
    private const string SignOut = "POST /console/signout";
    private const string MatrixAccount = "matrix.clerk";

    private static readonly Dictionary<Who, string> Keys = new()
    {
        [Who.Programme] = "matrix-programme-key-0123456789",
        [Who.ProgrammeObserver] = "matrix-programme-observer-0123456789",
        [Who.Staff] = "matrix-agadir-staff-key-0123456789",
        [Who.Observer] = "matrix-agadir-observer-0123456789",
        [Who.OtherStaff] = "matrix-casablanca-staff-0123456789",
        [Who.OtherObserver] = "matrix-casablanca-observer-0123456789",
        [Who.RevokedKey] = "matrix-agadir-revoked-key-0123456789",
        [Who.ExpiredSession] = "matrix-agadir-expired-key-0123456789",
    };

    [Fact]
    public void Every_endpoint_of_the_running_gateway_is_in_the_table_and_every_row_is_an_endpoint()
    {
        using var app = Host(new InMemoryAdminKeyStore());
        var endpoints = EndpointKeys(app);

        var unclassified = endpoints.Where(e => !AuthorizationMatrix.Endpoints.ContainsKey(e)).ToList();
        var stale = AuthorizationMatrix.Endpoints.Keys.Where(k => !endpoints.Contains(k)).ToList();

        Assert.True(unclassified.Count == 0, "Endpoints missing from AuthorizationMatrix.Endpoints (add each with its rule): " + string.Join(", ", unclassified));
        Assert.True(stale.Count == 0, "Rows of AuthorizationMatrix.Endpoints that are no endpoint: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_console_form_is_in_the_table_and_every_row_is_a_form()
    {
        var forms = ConsoleForms().Select(f => f.Key).ToList();

        var unclassified = forms.Where(f => !AuthorizationMatrix.Forms.ContainsKey(f)).ToList();
        var stale = AuthorizationMatrix.Forms.Keys.Where(k => !forms.Contains(k)).ToList();

        Assert.True(forms.Count >= 8, $"only {forms.Count} forms found under Components/");
        Assert.True(unclassified.Count == 0, "Console forms missing from AuthorizationMatrix.Forms: " + string.Join(", ", unclassified));
        Assert.True(stale.Count == 0, "Rows of AuthorizationMatrix.Forms that are no form: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_endpoint_and_form_answers_each_caller_as_the_table_says()
    {
        var store = new InMemoryAdminKeyStore();
        await using var app = Host(store);
        var callers = await SignInAllAsync(app, store);
        var data = await SeedAsync(app, callers[Who.Programme]);

        List<string> wrong = [];
        var checkedCount = 0;
        foreach (var (name, page, _) in ConsoleForms())
        {
            if (!AuthorizationMatrix.Forms.TryGetValue($"{name}@{page}", out var row))
            {
                wrong.Add($"form {name}@{page}: not in AuthorizationMatrix.Forms");
                continue;
            }
            var (rule, scope) = row;
            foreach (var (who, caller) in callers)
            {
                var answer = await caller.SendAsync("POST", data.Fill(page), console: true, form: name, data);
                checkedCount++;
                Check(wrong, $"form {name}@{page}", rule, scope, who, console: true, answer);
            }
        }
        // Every status answered must be in the OpenAPI document (OpenApi/OpenApiAnswers.cs): the same calls, no second list.
        List<(string Key, int Status)> answered = [];
        // Signing out ends the session the other calls use: it goes last.
        foreach (var key in EndpointKeys(app).OrderBy(k => k == SignOut))
        {
            if (!AuthorizationMatrix.Endpoints.TryGetValue(key, out var row))
            {
                wrong.Add($"{key}: not in AuthorizationMatrix.Endpoints");
                continue;
            }
            var (rule, scope) = row;
            var (method, pattern) = Split(key);
            foreach (var (who, caller) in callers)
            {
                var answer = await caller.SendAsync(method, data.Fill(pattern), console: IsConsole(pattern), form: null, data);
                checkedCount++;
                Check(wrong, key, rule, scope, who, IsConsole(pattern), answer);
                answered.Add((key, answer.Status));
            }
        }
        wrong.AddRange(await OpenApi.OpenApiAnswers.UndocumentedAsync(app.CreateClient(), answered));

        Assert.True(checkedCount > 800, $"only {checkedCount} calls checked");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {checkedCount} calls answered against the table:\n" + string.Join("\n", wrong));
    }

    private static void Check(List<string> wrong, string what, Rule rule, Scope scope, Who who, bool console, Answer answer)
    {
        var expected = AuthorizationMatrix.Expected(rule, scope, who, console);
        var ok = rule switch
        {
            // A webhook answers its signature check (403), or 503 while its provider is not configured: never a key's refusal.
            Rule.Webhook => answer.Status is not 401 and (< 500 or 503) && !answer.ToSignIn,
            // A public route answers what it answers (sign-out leads to sign-in), never a refusal nor a failure.
            Rule.Public => answer.Status is not (401 or 403) and < 500,
            _ => answer.Status < 500 && Classify(answer) == expected,
        };
        if (!ok) wrong.Add($"{what} as {who}: HTTP {answer.Status}{(answer.Location is null ? "" : " → " + answer.Location)}, expected {expected}");
    }

    private static Outcome Classify(Answer answer) => answer switch
    {
        { ToSignIn: true } => Outcome.SignIn,
        { Status: 401 } => Outcome.Unauthorized,
        { Status: 403 } => Outcome.Forbidden,
        { Status: 404 } => Outcome.NotFound,
        _ => Outcome.Allowed,
    };

    private static GatewayApplication Host(InMemoryAdminKeyStore store)
    {
        var app = new GatewayApplication()
            .With("Simulator:Open", "false")
            .With("Admin:KeyCache", "00:00:00.300")
            .WithServices(services =>
            {
                services.AddSingleton<IAdminKeyStore>(store);
                services.AddHostedService<AdminKeyRefresher>();
            });
        var i = 0;
        foreach (var (who, key) in Keys)
        {
            var (commune, role) = who switch
            {
                Who.Programme => (null, "programme"),
                Who.ProgrammeObserver => (null, "observer"),
                Who.Observer => (Commune, "observer"),
                Who.OtherStaff => ("casablanca", "staff"),
                Who.OtherObserver => ("casablanca", "observer"),
                _ => (Commune, "staff"),
            };
            app.With($"Admin:ApiKeys:{i}:Key", key).With($"Admin:ApiKeys:{i}:Name", who.ToString())
                .With($"Admin:ApiKeys:{i}:Commune", commune).With($"Admin:ApiKeys:{i}:Role", role);
            i++;
        }
        return app;
    }

    /// <summary>A client per caller: its key for the API, its console session (signed in through the form) for the console.</summary>
    private static async Task<Dictionary<Who, Caller>> SignInAllAsync(GatewayApplication app, InMemoryAdminKeyStore store)
    {
        Dictionary<Who, Caller> callers = new() { [Who.Anonymous] = new Caller(ConsoleClient.Anonymous(app), null) };
        // Signed in first, then the clock moves past the session's lifetime: this session has expired, the others are fresh.
        callers[Who.ExpiredSession] = await Caller.SignInAsync(app, Keys[Who.ExpiredSession], apiKey: false);
        app.Clock.Advance(TimeSpan.FromHours(13));
        foreach (var who in Keys.Keys.Where(w => w != Who.ExpiredSession))
            callers[who] = await Caller.SignInAsync(app, Keys[who]);

        await store.RevokeAsync(new KeyRevocation(AdminKeys.HashText(Keys[Who.RevokedKey]), Who.RevokedKey.ToString(), app.Clock.GetUtcNow()), CancellationToken.None);
        await Wait.ForAsync(async () => (await callers[Who.RevokedKey].SendAsync("GET", "/api/polls/", false, null, null)).Status,
            status => status == 401, "the revocation to be read");
        return callers;
    }

    /// <summary>What the routes act on: a contact, a poll, an alert and a report, all of the test's commune.</summary>
    private static async Task<Seed> SeedAsync(GatewayApplication app, Caller programme)
    {
        var http = programme.Http;
        var import = await http.SendAsync(Api(HttpMethod.Post, $"/api/communes/{Commune}/subscribers:import",
            JsonContent.Create(new { subscribers = new[] { new { phone = Citizen, language = "fr" } } })));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var account = await http.SendAsync(Api(HttpMethod.Post, "/api/accounts/",
            JsonContent.Create(new { login = MatrixAccount, displayName = "Matrix Clerk", role = "staff", commune = Commune })));
        Assert.True(account.IsSuccessStatusCode, await account.Content.ReadAsStringAsync());
        var poll = await http.SendAsync(Api(HttpMethod.Post, "/api/polls/", JsonContent.Create(new
        {
            commune = Commune,
            keyword = "MATRICE",
            question = new Dictionary<string, string> { ["fr"] = "Quel projet ?" },
            options = new[] { new Dictionary<string, string> { ["fr"] = "Parc" }, new Dictionary<string, string> { ["fr"] = "Stade" } },
            closesAt = app.Clock.GetUtcNow().AddDays(7),
        })));
        var alert = await http.SendAsync(Api(HttpMethod.Post, "/api/alerts/", JsonContent.Create(new
        {
            commune = Commune,
            texts = new { fr = "Réunion du conseil" },
            sendAt = app.Clock.GetUtcNow().AddDays(3),
        })));
        var webhook = await http.SendAsync(Api(HttpMethod.Post, "/api/webhooks/",
            JsonContent.Create(new { url = "https://partner.example/hooks", events = new[] { "FeedbackReceived" }, commune = Commune })));
        var report = await http.SendAsync(Api(HttpMethod.Post, "/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jurisdiction_id"] = Commune, ["service_code"] = "water", ["description"] = "Pas d'eau depuis hier", ["address_string"] = "Hay Dakhla",
        })));
        return new Seed(
            Id(await poll.Content.ReadAsStringAsync(), "id"),
            Id(await alert.Content.ReadAsStringAsync(), "id"),
            Id(await report.Content.ReadAsStringAsync(), "service_request_id"),
            Id(await webhook.Content.ReadAsStringAsync(), "id"),
            app.Services.GetRequiredService<ContactIds>().For(Citizen));

        static HttpRequestMessage Api(HttpMethod method, string path, HttpContent content) =>
            new(method, path) { Content = content, Headers = { { AdminExtensions.HeaderName, Keys[Who.Programme] } } };

        static string Id(string json, string field)
        {
            var root = JsonDocument.Parse(json).RootElement;
            return (root.ValueKind == JsonValueKind.Array ? root[0] : root).GetProperty(field).GetString()
                ?? throw new InvalidOperationException($"no {field} in {json}");
        }
    }

    private static bool IsConsole(string pattern) => pattern == "/console" || pattern.StartsWith("/console/", StringComparison.Ordinal);

    private static (string Method, string Pattern) Split(string key) => (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);

    /// <summary>Every (method, route pattern) of the running gateway, as the table writes them.</summary>
    private static List<string> EndpointKeys(GatewayApplication app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} {"/" + e.RoutePattern.RawText?.TrimStart('/')}"))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>Every <c>@formname</c> of the console's components, with the page it posts to (the component's first <c>@page</c>).</summary>
    private static List<(string Name, string Page, string Key)> ConsoleForms()
    {
        var components = Path.Combine(Architecture.SourceLayerSpecs.GatewaySource(), "Components");
        List<(string, string, string)> forms = [];
        foreach (var file in Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var names = FormName().Matches(text).Select(m => m.Groups[1].Value).ToList();
            if (names.Count == 0) continue;
            var page = PageRoute().Match(text) is { Success: true } m ? m.Groups[1].Value : $"(no @page in {Path.GetFileName(file)})";
            forms.AddRange(names.Select(n => (n, page, $"{n}@{page}")));
        }
        return forms;
    }

    [GeneratedRegex("@formname=\"([^\"]+)\"")]
    private static partial Regex FormName();

    [GeneratedRegex("@page \"([^\"]+)\"")]
    private static partial Regex PageRoute();

    private sealed record Seed(string PollId, string AlertId, string Reference, string WebhookId, string ContactId)
    {
        public string Fill(string pattern)
        {
            var id = pattern.Contains("/polls/") ? PollId : pattern.Contains("/alerts/") ? AlertId
                : pattern.Contains("/requests/") ? Reference : pattern.StartsWith("/api/webhooks/", StringComparison.Ordinal) ? WebhookId : "feedback";
            var path = pattern.Replace("{commune}", Commune).Replace("{reference}", Reference).Replace("{phone}", Uri.EscapeDataString(Citizen))
                .Replace("{format}", "json").Replace("{documentName?}", "v1").Replace("{documentName}", "v1").Replace("{route}", "arkesel").Replace("{id}", id)
                .Replace("{contactId}", ContactId).Replace("{templateId}", "meeting").Replace("{login}", MatrixAccount);
            return path switch
            {
                "/api/simulator/messages" => path + "?to=%2B212612345679",
                _ when path.EndsWith("/simulator/side", StringComparison.Ordinal) => path + "?Form.Phone=0611000077",
                _ => path,
            };
        }

        /// <summary>A body the route accepts, so that a refusal by commune shows (an invalid one is refused before the report is read).</summary>
        public static object ValidBody(string path) => path switch
        {
            _ when path.EndsWith("/status", StringComparison.Ordinal) => new { status = "acknowledged" },
            _ when path.EndsWith("/notes", StringComparison.Ordinal) => new { text = "Vu sur place." },
            _ when path.EndsWith("/assignee", StringComparison.Ordinal) => new { assignee = "Voirie" },
            _ when path.EndsWith("/subscribers:import", StringComparison.Ordinal) => new { subscribers = new[] { new { phone = "+212612345677", language = "fr" } } },
            _ => new { },
        };

        /// <summary>A contact erased by one caller exists again for the next.</summary>
        public static async Task RestoreContactAsync(HttpClient http) =>
            await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/communes/{Commune}/subscribers:import")
            {
                Content = JsonContent.Create(new { subscribers = new[] { new { phone = Citizen, language = "fr" } } }),
                Headers = { { AdminExtensions.HeaderName, Keys[Who.Programme] } },
            });
    }

    private sealed record Answer(int Status, string? Location)
    {
        public bool ToSignIn => Status == 302 && Location?.StartsWith("/console/signin", StringComparison.Ordinal) == true;
    }

    /// <summary>One caller: its console client (session and antiforgery cookies) and the key it sends to the API, if any.</summary>
    private sealed class Caller(ConsoleClient console, string? key)
    {
        public HttpClient Http => console.Http;

        /// <param name="apiKey">Whether the caller also sends its key to the API (an expired session is all the expired caller has).</param>
        public static async Task<Caller> SignInAsync(GatewayApplication app, string key, bool apiKey = true) =>
            new(await ConsoleClient.SignInAsync(app, key), apiKey ? key : null);

        public async Task<Answer> SendAsync(string method, string path, bool console, string? form, Seed? data)
        {
            if (data is not null && path.StartsWith("/api/contacts/", StringComparison.Ordinal)) await Seed.RestoreContactAsync(Http);
            using var request = new HttpRequestMessage(new HttpMethod(method == "ANY" ? "GET" : method), path);
            if (!console && key is not null) request.Headers.Add(AdminExtensions.HeaderName, key);
            if (method is "POST" or "PUT" or "DELETE")
                request.Content = console
                    ? new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = await ConsoleTokenAsync(), ["_handler"] = form ?? "",
                    })
                    : path.StartsWith("/open311/", StringComparison.Ordinal)
                        ? new FormUrlEncodedContent(new Dictionary<string, string> { ["description"] = "x" })
                        : JsonContent.Create(Seed.ValidBody(path));
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            // Live streams never end: the status and headers are the answer.
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            return new Answer((int)response.StatusCode, response.Headers.Location?.OriginalString);
        }

        private Task<string> ConsoleTokenAsync() => console.TokenAsync();
    }
}
