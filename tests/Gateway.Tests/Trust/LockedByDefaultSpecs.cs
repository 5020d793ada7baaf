using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gateway.Admin;
using Gateway.Admin.Stored;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Trust;

/// <summary>
/// Issue 22's findings, each as the attacker or the clerk met it: a citizen's report read from a phone number through the
/// console's side door, observers writing through console forms, console writes missing from the audit log, a cookie that
/// was a key, live streams outliving their key, Open311 outside the per-key limit, and requests that crashed into a 5xx.
/// </summary>
public sealed partial class LockedByDefaultSpecs
{
    private const string Programme = "locked-programme-key-0123456789";
    private const string Staff = "locked-agadir-staff-key-0123456789";
    private const string Observer = "locked-agadir-observer-0123456789";
    private const string OtherStaff = "locked-casablanca-staff-0123456789";
    private const string CitizenLocal = "0612345678";

    private static GatewayApplication Host(CapturedLogs? logs = null, InMemoryAdminKeyStore? store = null)
    {
        var app = HostileHost.Create(logs ?? new CapturedLogs()).With("Simulator:Open", "false")
            .With("Admin:ApiKeys:0:Key", Programme).With("Admin:ApiKeys:0:Name", "programme")
            .With("Admin:ApiKeys:1:Key", Staff).With("Admin:ApiKeys:1:Name", "agadir-staff").With("Admin:ApiKeys:1:Commune", "agadir")
            .With("Admin:ApiKeys:2:Key", Observer).With("Admin:ApiKeys:2:Name", "agadir-observer").With("Admin:ApiKeys:2:Commune", "agadir")
            .With("Admin:ApiKeys:2:Role", "observer")
            .With("Admin:ApiKeys:3:Key", OtherStaff).With("Admin:ApiKeys:3:Name", "casa-staff").With("Admin:ApiKeys:3:Commune", "casablanca");
        if (store is not null)
            app.With("Admin:KeyCache", "00:00:00.300").WithServices(s =>
            {
                s.AddSingleton<IAdminKeyStore>(store);
                s.AddHostedService<AdminKeyRefresher>();
            });
        return app;
    }

    /// <summary>A citizen files a report in Agadir from their own phone, through Twilio's webhook; its reference.</summary>
    private static async Task<string> CitizenReportsAsync(GatewayApplication app)
    {
        var http = app.CreateClient();
        string reply = "";
        string[] conversation = ["AVIS", "4", "1", "Nid de poule devant l'école", "Hay Dakhla"];
        for (var i = 0; i < conversation.Length; i++)
        {
            using var response = await http.SendAsync(HostileHost.Twilio("/webhooks/twilio",
            [
                new("MessageSid", $"SM{i:D32}"), new("AccountSid", "AChostile"), new("From", HostileHost.Phone), new("To", "+212600000999"),
                new("Body", conversation[i]), new("NumMedia", "0"),
            ]));
            reply = await response.Content.ReadAsStringAsync();
        }
        return Reference().Match(reply) is { Success: true } m ? m.Value : throw new InvalidOperationException("no reference in " + reply);
    }

    [Fact]
    public async Task The_simulator_side_panel_shows_nobody_a_real_citizens_report_by_phone_number()
    {
        await using var app = Host();
        var reference = await CitizenReportsAsync(app);
        var anonymous = ConsoleClient.Anonymous(app);
        var staff = await ConsoleClient.SignInAsync(app, Staff);
        var otherStaff = await ConsoleClient.SignInAsync(app, OtherStaff);
        var observer = await ConsoleClient.SignInAsync(app, Observer);

        string[] doors = ["signin", "signout", "language"];
        foreach (var door in doors)
        {
            using var sideDoor = await anonymous.Http.GetAsync($"/console/{door}/simulator/side?Form.Phone={CitizenLocal}");
            Assert.NotEqual(HttpStatusCode.OK, sideDoor.StatusCode);
            Assert.DoesNotContain(reference, await sideDoor.Content.ReadAsStringAsync());
        }
        using var ownCommune = await staff.Http.GetAsync($"/console/agadir/simulator/side?Form.Phone={CitizenLocal}");
        using var ownCommuneE164 = await staff.Http.GetAsync("/console/agadir/simulator/side?Form.Phone=%2B212612345678");
        using var elsewhere = await otherStaff.Http.GetAsync($"/console/casablanca/simulator/side?Form.Phone={CitizenLocal}");
        using var observed = await observer.Http.GetAsync($"/console/agadir/simulator/side?Form.Phone={CitizenLocal}");

        Assert.DoesNotContain(reference, await ownCommune.Content.ReadAsStringAsync());
        Assert.DoesNotContain(reference, await ownCommuneE164.Content.ReadAsStringAsync());
        Assert.DoesNotContain(reference, await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, observed.StatusCode);
    }

    [Fact]
    public async Task The_simulator_side_panel_shows_what_the_simulators_own_number_published()
    {
        await using var app = Host();
        var staff = await ConsoleClient.SignInAsync(app, Staff);

        using var sent = await staff.PostFormAsync("/console/agadir/simulator/send", ("Form.Channel", "sms"), ("Form.Phone", "0611000077"), ("Form.Text", "STOP"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var side = await Wait.ForAsync(() => staff.Http.GetStringAsync("/console/agadir/simulator/side?Form.Phone=0611000077"),
            html => html.Contains("ContactOptedOut"), "the simulated STOP's event in the side panel");

        Assert.Contains("ContactOptedOut", side);
    }

    [Fact]
    public async Task An_observer_cannot_change_a_report_through_the_console_and_staff_can_with_the_change_in_the_audit_log()
    {
        await using var app = Host();
        var reference = await CitizenReportsAsync(app);
        var observer = await ConsoleClient.SignInAsync(app, Observer);
        var staff = await ConsoleClient.SignInAsync(app, Staff);
        var page = $"/console/agadir/inbox/{reference}";

        using var observed = await observer.PostFormAsync(page, ("_handler", "status"), ("StatusForm.Status", "resolved"));
        using var noted = await observer.PostFormAsync(page, ("_handler", "note"), ("Note", "Vu par un observateur"));
        var afterObserver = await ReportAsync(app, reference);
        using var answered = await staff.PostFormAsync(page, ("_handler", "status"), ("StatusForm.Status", "acknowledged"));
        var afterStaff = await ReportAsync(app, reference);
        var audit = await app.CreateClient(Programme).GetStringAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, observed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noted.StatusCode);
        Assert.Equal("new", afterObserver.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("acknowledged", afterStaff.GetProperty("status").GetString());
        var entry = Assert.Single(JsonDocument.Parse(audit).RootElement.EnumerateArray(), e => e.GetProperty("action").GetString() == "console report.status");
        Assert.Equal("agadir-staff", entry.GetProperty("actor").GetString());
        Assert.Contains(reference, entry.GetProperty("target").GetString());
    }

    [Fact]
    public async Task The_console_cookie_holds_a_session_so_a_copied_cookie_stops_working_at_sign_out()
    {
        await using var app = Host();
        var staff = await ConsoleClient.SignInAsync(app, Staff);
        using var home = await staff.Http.GetAsync("/console/agadir");
        var stolen = home.RequestMessage!.Headers.GetValues("Cookie").Single();

        using var signedOut = await staff.PostFormAsync("/console/signout");
        var thief = ConsoleClient.Anonymous(app);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/console/agadir") { Headers = { { "Cookie", stolen } } };
        using var replayed = await thief.Http.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.DoesNotContain(Staff, stolen);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/console/signin", replayed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_live_results_stream_ends_once_its_key_is_revoked()
    {
        var store = new InMemoryAdminKeyStore();
        await using var app = Host(store: store);
        var poll = await app.CreateClient(Programme).PostAsync("/api/polls/", Json(new
        {
            commune = "agadir", keyword = "DIRECT", question = new { fr = "Quel projet ?" },
            options = new[] { new { fr = "Parc" }, new { fr = "Stade" } }, closesAt = app.Clock.GetUtcNow().AddDays(7),
        }));
        var id = JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var staff = await ConsoleClient.SignInAsync(app, Staff);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/console/agadir/polls/{id}/live") { Headers = { { "Accept", "text/event-stream" } } };
        using var stream = await staff.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        await using var body = await stream.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        Assert.StartsWith("event: results", await reader.ReadLineAsync());

        await store.RevokeAsync(new KeyRevocation(AdminKeys.HashText(Staff), "agadir-staff", app.Clock.GetUtcNow()), CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await reader.ReadLineAsync(deadline.Token) is not null)
        {
            // drain until the server ends the stream
        }

        Assert.False(deadline.IsCancellationRequested, "the stream went on after the key was revoked");
    }

    [Fact]
    public async Task Open311_counts_against_the_per_key_limit()
    {
        await using var app = Host().With("Abuse:AdminPerKey", "3");
        var http = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await http.GetAsync($"/open311/v2/requests.json?api_key={Staff}")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("jurisdiction_id=agadir&service_code=water&description=a%00b&address_string=Hay", "application/x-www-form-urlencoded", 400)]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nPas d'eau", "multipart/form-data; boundary=b", 400)]
    [InlineData("many", "application/x-www-form-urlencoded", 400)]
    [InlineData("long-key", "application/x-www-form-urlencoded", 401)]
    public async Task Open311_posts_that_crashed_answer_their_error_in_open311_xml(string body, string contentType, int status)
    {
        var logs = new CapturedLogs();
        await using var app = Host(logs);
        body = body switch
        {
            "many" => string.Join('&', Enumerable.Range(0, 1_100).Select(i => $"f{i}=1")) + "&api_key=" + Staff,
            "long-key" => "api_key=" + new string('k', 2_100) + "&description=Pas%20d%27eau",
            _ => body + (contentType.StartsWith("multipart", StringComparison.Ordinal) ? "" : "&api_key=" + Staff),
        };
        using var request = HostileHost.Raw(HttpMethod.Post, "/open311/v2/requests.xml", Encoding.UTF8.GetBytes(body), contentType);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(("errors", status.ToString(System.Globalization.CultureInfo.InvariantCulture)), (error.Name.LocalName, error.Element("error")?.Element("code")?.Value));
        Assert.Empty(logs.Failures());
    }

    [Fact]
    public async Task Console_requests_that_crashed_answer_pages_and_the_error_handler_answers_event_streams()
    {
        var logs = new CapturedLogs();
        await using var app = Host(logs);
        await CitizenReportsAsync(app);
        var anonymous = ConsoleClient.Anonymous(app);
        var otherStaff = await ConsoleClient.SignInAsync(app, OtherStaff);

        using var underSignIn = await anonymous.Http.GetAsync("/console/signin/inbox");
        using var othersCsv = await otherStaff.Http.GetAsync("/console/agadir/inbox/feedback.csv");
        using var streamed = new HttpRequestMessage(HttpMethod.Get, "/api/polls/nope") { Headers = { { "Accept", "text/event-stream" }, { AdminExtensions.HeaderName, Programme } } };
        using var streamedAnswer = await app.CreateClient().SendAsync(streamed);

        Assert.Equal(HttpStatusCode.Redirect, underSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersCsv.StatusCode);
        Assert.Equal("text/html", othersCsv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page introuvable", await othersCsv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, streamedAnswer.StatusCode);
        Assert.Empty(logs.Failures());
    }

    [Theory]
    [InlineData("/api/polls/", "application/problem+json")]
    [InlineData("/open311/v2/requests.xml", "text/xml")]
    public async Task A_failure_answered_to_an_event_stream_client_is_a_500_in_the_routes_format_and_the_error_handler_does_not_fail(string path, string format)
    {
        var logs = new CapturedLogs();
        await using var app = Host(logs).WithServices(s => s.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler>(new FailingHandler()));
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "text/event-stream" }, { AdminExtensions.HeaderName, Programme } } };

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(format, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(FailingHandler.Message, await response.Content.ReadAsStringAsync());
        var failure = Assert.Single(logs.Failures()); // the failure itself, logged once; nothing from the error handler
        Assert.Contains(FailingHandler.Message, failure);
    }

    /// <summary>A component failing mid-request (here, in authorization), as an unexpected bug would.</summary>
    private sealed class FailingHandler : Microsoft.AspNetCore.Authorization.IAuthorizationHandler
    {
        public const string Message = "a deliberate failure inside the pipeline";

        public Task HandleAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context) => throw new InvalidOperationException(Message);
    }

    private static async Task<JsonElement> ReportAsync(GatewayApplication app, string reference) =>
        JsonDocument.Parse(await app.CreateClient(Programme).GetStringAsync($"/api/feedback/{reference}")).RootElement.Clone();

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    [GeneratedRegex("R-[A-Z0-9]{5}")]
    private static partial Regex Reference();
}
