using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Gateway.Admin;
using Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gateway.Tests.Trust;

/// <summary>
/// Generated hostile requests against the surfaces people and systems call with keys and sessions: Open311 (every
/// resource, both formats, query and form keys), the admin API and the console (pages, fragments, downloads, live streams,
/// forms), signed in and not. Broken form encodings (<c>%00</c>, bad percent escapes), truncated multipart, too many
/// fields, 2,048+ character keys, odd Accept headers (<c>text/event-stream</c>), HX-Request or not, unknown paths. Nothing
/// may answer 5xx (503 aside) nor log an unhandled exception; Open311's <c>.xml</c> answers its errors in XML.
/// Deterministic (fixed seed); <c>GATEWAY_FUZZ_REQUESTS</c> sets the count (the suite's 3,000; <c>infra/fuzz.sh</c> runs more).
/// </summary>
public sealed class SurfaceFuzzSpecs(ITestOutputHelper output)
{
    private const int Seed = 22;
    private const string Programme = "fuzz-programme-key-0123456789";
    private const string Observer = "fuzz-agadir-observer-0123456789";
    private const string Staff = "fuzz-agadir-staff-key-0123456789";

    private static int Requests =>
        int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3_000;

    [Fact]
    public async Task Generated_requests_to_Open311_the_admin_API_and_the_console_never_get_a_5xx_nor_log_an_unhandled_exception()
    {
        var logs = new CapturedLogs();
        await using var app = HostileHost.Create(logs)
            .With("Simulator:Open", "false")
            .With("Abuse:AdminPerKey", "0")
            .With("Admin:ApiKeys:0:Key", Programme).With("Admin:ApiKeys:0:Name", "programme")
            .With("Admin:ApiKeys:1:Key", Observer).With("Admin:ApiKeys:1:Name", "observer").With("Admin:ApiKeys:1:Commune", "agadir").With("Admin:ApiKeys:1:Role", "observer")
            .With("Admin:ApiKeys:2:Key", Staff).With("Admin:ApiKeys:2:Name", "staff").With("Admin:ApiKeys:2:Commune", "agadir");
        var anonymous = ConsoleClient.Anonymous(app).Http;
        var signedIn = new[] { (await ConsoleClient.SignInAsync(app, Staff)).Http, (await ConsoleClient.SignInAsync(app, Observer)).Http };
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, Requests).Select(i => (Index: i, Made: Generator.Next(random))).ToList();
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            var (description, request, session) = item.Made();
            var client = session < 0 ? anonymous : signedIn[session % signedIn.Length];
            using (request)
            using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token))
            {
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                var media = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 && status != 503)
                    failures.Enqueue($"#{item.Index} {description}: HTTP {status}");
                else if (status >= 400 && description.Contains(".xml") && description.StartsWith("open311", StringComparison.Ordinal) && media != "text/xml" && media != "application/xml")
                    failures.Enqueue($"#{item.Index} {description}: HTTP {status} as {media}, not Open311's XML");
            }
        });

        output.WriteLine($"{Requests} requests in {started.Elapsed.TotalSeconds:0.0} s; statuses: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.\n{string.Join("\n", failures.Take(15))}");
        Assert.Empty(logs.Failures());
        Assert.True(statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value) > Requests / 10, "fewer than 10% of the requests were answered 2xx");
    }

    /// <summary>One request at a time, each pick drawn from the seeded random: a run is reproducible, a failure names its number.</summary>
    private static class Generator
    {
        // %00 in a path never reaches the gateway (Kestrel and the test server refuse it first); %01 does.
        private static readonly string[] Communes = ["agadir", "casablanca", "nowhere", "", "%01", "..", "agadir%2F..", "AGADIR", "😀"];

        private static readonly string[] ConsolePaths =
        [
            "", "/", "/signin", "/signin/inbox", "/signin/simulator/side?Form.Phone=0611000077", "/signout/inbox", "/language/polls",
            "/{c}", "/{c}/inbox", "/{c}/inbox?status=%00&q=%zz", "/{c}/inbox/R-AAAAA", "/{c}/inbox/%01", "/{c}/inbox/feedback.csv",
            "/{c}/polls", "/{c}/polls/new", "/{c}/polls/x", "/{c}/polls/x/live", "/{c}/polls/x/results.csv", "/{c}/alerts",
            "/{c}/alerts/new", "/{c}/alerts/x", "/{c}/alerts/x/live", "/{c}/simulator", "/{c}/simulator/side?Form.Phone=%2B212611000077",
            "/{c}/flows", "/{c}/flows/feedback", "/{c}/flows/%01", "/{c}/a/b/c/d", "/not-found", "/{c}/polls/check",
            "/{c}/alerts/preview", "/{c}/inbox/R-AAAAA/preview", "/{c}/simulator/send",
            "/{c}/inbox?q=%2B212%206-11&simulated=maybe", "/{c}/citizens/x", "/{c}/citizens/%01", "/{c}/polls/x/edit",
            "/{c}/alerts/templates", "/{c}/alerts/templates/new", "/{c}/alerts/templates/%01", "/{c}/alerts/new?template=%00",
        ];

        private static readonly string[] ApiPaths =
        [
            "/api/polls/", "/api/polls/x", "/api/polls/x/results?by=%00", "/api/polls/x/close", "/api/alerts/", "/api/alerts/preview",
            "/api/alerts/x/cancel", "/api/feedback/", "/api/feedback/?status=%zz&limit=-1&cursor=%00", "/api/feedback/stats?from=x",
            "/api/feedback/R-AAAAA/status", "/api/feedback.csv", "/api/feedback.json", "/api/contacts/%2B212611000077",
            "/api/communes/agadir/subscribers:import", "/api/audit?max=0", "/api/outbox/dead-letters", "/api/flows/", "/api/simulator/messages",
        ];

        private static readonly string[] Open311Paths =
        [
            "discovery", "services", "services?jurisdiction_id=%00", "requests", "requests?status=x&start_date=%00&service_code=,,",
            "requests?service_request_id=R-AAAAA,%00", "requests/R-AAAAA", "requests/%01",
        ];

        private static readonly string[] Accepts = ["", "text/event-stream", "application/xml", "text/html", "*/*", "application/json", "image/png;q=x"];

        private static readonly string[] FormBodies =
        [
            "", "a=%00", "description=%00%00&service_code=water", "api_key=%00", "%", "%zz=1", "=&=&&", "_handler=status&Form.Status=%00",
            "_handler=poll-create&Form.Keyword=%00", "_handler=nope", "_handler=&__RequestVerificationToken=x", "Form.Key=%FF%FE",
            "jurisdiction_id=agadir&service_code=water&description=Pas%20d%27eau&address_string=Hay",
        ];

        public static Func<(string Description, HttpRequestMessage Request, int Session)> Next(Random random)
        {
            var surface = random.Next(3);
            var method = random.Next(10) switch { < 6 => HttpMethod.Get, < 9 => HttpMethod.Post, _ => random.Next(2) == 0 ? HttpMethod.Delete : HttpMethod.Head };
            var accept = Pick(random, Accepts);
            var fragment = random.Next(3) == 0;
            var keyChoice = random.Next(6);
            var bodyKind = random.Next(5);
            var formBody = Pick(random, FormBodies);
            var path = surface switch
            {
                0 => "/console" + Pick(random, ConsolePaths).Replace("{c}", Pick(random, Communes)),
                1 => Pick(random, ApiPaths),
                _ => Open311(Pick(random, Open311Paths), random.Next(2) == 0 ? ".xml" : ".json"),
            };
            var session = surface == 0 && random.Next(3) > 0 ? random.Next(2) : -1;
            var longKey = new string('k', 2_048 + random.Next(4_096));
            return () =>
            {
                var request = new HttpRequestMessage(method, path);
                if (accept.Length > 0) request.Headers.TryAddWithoutValidation("Accept", accept);
                if (fragment) request.Headers.Add("HX-Request", "true");
                var key = keyChoice switch { 0 => Programme, 1 => Observer, 2 => Staff, 3 => longKey, 4 => "wrong-key", _ => null };
                if (key is not null && surface != 0) request.Headers.TryAddWithoutValidation(AdminExtensions.HeaderName, key);
                if (method == HttpMethod.Post || method == HttpMethod.Delete)
                    request.Content = bodyKind switch
                    {
                        0 => Bytes(formBody + (key is null ? "" : "&api_key=" + Uri.EscapeDataString(key)), "application/x-www-form-urlencoded"),
                        1 => Bytes("--b\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n" + (key ?? "x"), "multipart/form-data; boundary=b"),
                        2 => Bytes(string.Join('&', Enumerable.Range(0, 1_100).Select(i => $"f{i}=1")), "application/x-www-form-urlencoded"),
                        3 => Bytes("{\"commune\":\"agadir\",\"texts\":{\"fr\":\"\\u0000\"},\"options\":[", "application/json"),
                        _ => Bytes("{}", "application/json"),
                    };
                return ($"{(surface == 2 ? "open311" : surface == 1 ? "api" : "console")} {method} {path} accept={accept} hx={fragment} key={keyChoice} body={bodyKind} session={session}",
                    request, session);
            };
        }

        /// <summary>An Open311 resource with its format before the query: <c>requests.xml?status=x</c>.</summary>
        private static string Open311(string resource, string extension) =>
            "/open311/v2/" + (resource.Split('?', 2) is [var name, var query] ? name + extension + "?" + query : resource + extension);

        private static ByteArrayContent Bytes(string text, string contentType)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return content;
        }

        private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
    }
}
