using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gateway.Alerts;
using Gateway.Benchmarks.Http;
using Gateway.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Benchmarks;

/// <summary>
/// The console's costs, in process on a real Kestrel port (embedded stores unless <c>--redis</c>): server time of the inbox
/// and of a poll's results page with 100,000 reports filed, then the Twilio webhook's p99 (one-message votes) with no
/// browser watching the poll's live chart, and with 100 watching (100 server-sent event streams open).
/// <code>dotnet run -c Release --project tests/Gateway.Benchmarks -- console [--reports 100000] [--requests 300] [--watchers 100] [--seconds 15]</code>
/// </summary>
public static partial class ConsoleBenchmark
{
    public const string Command = "console";
    private const string AuthToken = "console-bench-auth-token-0001";
    private const string DevKey = "dev-programme-key-change-me";
    private const string CitizenPhone = "+212612345678";

    /// <summary>The benchmark's profile of the one test host (tests/Gateway.Testing), on a real loopback port.</summary>
    private sealed class Host : GatewayHost<Host>
    {
        public Host(string? redis)
        {
            EnvironmentName = "Development";
            With("ConnectionStrings:Redis", redis ?? "");
            With("Twilio:AuthToken", AuthToken);
            With("Twilio:AccountSid", TwilioRequests.AccountSid);
            With("Logging:LogLevel:Default", "Warning");
            OnLoopback();
        }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var reports = Option("--reports", 100_000);
        var requests = Option("--requests", 300);
        var watchers = Option("--watchers", 100);
        var seconds = Option("--seconds", 15);
        var redis = args.Contains("--redis") ? Environment.GetEnvironmentVariable("ConnectionStrings__Redis") : null;

        // WebApplicationFactory finds the content root through an attribute only test projects get; point it at the host's folder.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Gateway.sln"))) root = root.Parent;
        if (root is not null) Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GATEWAY", Path.Combine(root.FullName, "gateway", "Gateway"));

        await using var host = new Host(redis);
        var baseUrl = new Uri(host.BaseUrl);
        Console.WriteLine($"console benchmark: gateway on {baseUrl} ({(redis is null ? "embedded stores" : "Redis")}), {reports:N0} reports, {requests} page requests, {watchers} watchers");

        var seeding = Stopwatch.StartNew();
        await SeedReportsAsync(host.Services, reports);
        Console.WriteLine($"seeded {reports:N0} reports in {seeding.Elapsed.TotalSeconds:0.0} s");

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = true, MaxConnectionsPerServer = 1000 }) { BaseAddress = baseUrl };
        await SignInAsync(browser);
        var keyword = "BENCH" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var pollPath = await CreatePollAsync(browser, keyword);

        Report("inbox page (50 newest of the commune's reports)", await TimePageAsync(browser, "/console/casablanca/inbox", requests));
        Report("inbox page, overdue filter", await TimePageAsync(browser, "/console/casablanca/inbox?overdue=true", requests));
        Report("inbox page, real reports only (trials filtered out)", await TimePageAsync(browser, "/console/casablanca/inbox?simulated=false", requests));
        Report("inbox page, a citizen found by phone (06 12 34 56 78)", await TimePageAsync(browser, "/console/casablanca/inbox?q=06+12+34+56+78", requests));
        Report("poll results page", await TimePageAsync(browser, pollPath, requests));

        using var webhooks = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseUrl };
        // The same load three times, with the live charts open in the middle one (A/B/A), after a warm-up that is thrown away:
        // on a shared machine, the two A runs show how much of a difference is the machine rather than the watchers.
        await VoteLoadAsync(webhooks, baseUrl, keyword, seconds, "w");
        Report("Twilio webhook (votes), nobody watching", await VoteLoadAsync(webhooks, baseUrl, keyword, seconds, "a"));

        using var watching = new CancellationTokenSource();
        var streams = Enumerable.Range(0, watchers).Select(_ => WatchAsync(browser, pollPath + "/live", watching.Token)).ToList();
        await Task.Delay(2000);
        Report($"Twilio webhook (votes), {watchers} browsers watching the live chart", await VoteLoadAsync(webhooks, baseUrl, keyword, seconds, "b"));
        await watching.CancelAsync();
        var events = (await Task.WhenAll(streams)).Sum();
        Report("Twilio webhook (votes), nobody watching again", await VoteLoadAsync(webhooks, baseUrl, keyword, seconds, "c"));
        Console.WriteLine($"the {watchers} live charts received {events:N0} updates in all");
        return 0;
    }

    private static async Task SeedReportsAsync(IServiceProvider services, int count)
    {
        var store = services.GetRequiredService<IFeedbackStore>();
        // One citizen filed every 5,000th report (20 of 100,000): the inbox's search by phone finds them through the contact id.
        var citizen = services.GetRequiredService<Gateway.Conversations.ContactIds>().For(CitizenPhone);
        var now = DateTimeOffset.UtcNow;
        string[] categories = ["roads", "water", "lighting", "waste", "safety", "other"];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var reference = "R-B" + i.ToString("X6", CultureInfo.InvariantCulture);
            var contactId = i % 5_000 == 1 ? citizen : "cbench" + i.ToString(CultureInfo.InvariantCulture);
            // One report in ten is real, the others trials: the trials filter has to look past nine to find one.
            var report = FeedbackReport.Filed(reference, contactId, i % 4 == 0 ? "agadir" : "casablanca",
                categories[i % categories.Length], "Signalement de charge numéro " + i.ToString(CultureInfo.InvariantCulture), null, "sms", "fr",
                now.AddMinutes(-i), TimeSpan.FromDays(i % 3 == 0 ? -1 : 30), simulated: i % 10 != 0);
            await store.TryCreateAsync(report, [], ct);
            await store.IndexAsync(report, ct);
        });
    }

    private static async Task SignInAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/console/signin");
        var response = await browser.PostAsync("/console/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin", ["__RequestVerificationToken"] = Token(page), ["Form.Key"] = DevKey, ["Form.ReturnUrl"] = "/console/casablanca",
        }));
        if (!response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/console/casablanca", StringComparison.Ordinal))
            throw new BenchmarkSetupException("console sign-in failed: " + response.RequestMessage.RequestUri);
    }

    private static async Task<string> CreatePollAsync(HttpClient browser, string keyword)
    {
        var page = await browser.GetStringAsync("/console/casablanca/polls/new");
        var response = await browser.PostAsync("/console/casablanca/polls/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "poll-create", ["__RequestVerificationToken"] = Token(page), ["Form.Keyword"] = keyword,
            ["Form.QuestionFr"] = "Quel terrain ?", ["Form.OptionsFr"] = "Salam\nLycée\nPlage",
            ["Form.ClosesAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        }));
        var path = response.RequestMessage!.RequestUri!.AbsolutePath;
        return path.Contains("/polls/p", StringComparison.Ordinal) ? path : throw new BenchmarkSetupException("poll creation failed");
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new BenchmarkSetupException("no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Sequential requests on loopback (one at a time: the time is the server's plus a loopback round trip).</summary>
    private static async Task<List<double>> TimePageAsync(HttpClient browser, string path, int requests)
    {
        for (var i = 0; i < 20; i++) (await browser.GetAsync(path)).EnsureSuccessStatusCode(); // warm-up (JIT)
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await browser.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        return times;
    }

    /// <summary>16 connections in a closed loop, each vote from a new number ("KEYWORD n" in one message) for the given seconds.</summary>
    private static async Task<List<double>> VoteLoadAsync(HttpClient client, Uri baseUrl, string keyword, int seconds, string run)
    {
        var times = new List<double>();
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var next = 0L;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var n = Interlocked.Increment(ref next);
                var phone = "+2126" + (10_000_000 + n + 20_000_000 * "wabc".IndexOf(run[0], StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture);
                var form = TwilioRequests.Form(phone, $"{keyword} {1 + n % 3}", TwilioRequests.MessageSid(run + "c0", n, 1), "+212522000001");
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(TwilioRequests.Post(baseUrl, form, AuthToken));
                var body = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || !body.Contains("<Response>", StringComparison.Ordinal))
                    throw new BenchmarkSetupException($"vote answered {(int)response.StatusCode}: {body}");
                lock (times) times.Add(elapsed);
            }
        }));
        return times;
    }

    /// <summary>One browser's live chart: reads the event stream until cancelled; returns the updates received.</summary>
    private static async Task<int> WatchAsync(HttpClient browser, string path, CancellationToken cancellationToken)
    {
        var updates = 0;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
                if (line.StartsWith("event:", StringComparison.Ordinal)) updates++;
        }
        catch (OperationCanceledException)
        {
        }
        return updates;
    }

    private static void Report(string what, List<double> times)
    {
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"| {what} | {times.Count:N0} requests | p50 {P(0.50):0.00} ms | p99 {P(0.99):0.00} ms | max {times[^1]:0.00} ms |");
    }
}
