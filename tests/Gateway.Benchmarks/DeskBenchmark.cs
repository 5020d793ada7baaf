using System.Diagnostics;
using System.Text.Json;
using Gateway.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Gateway.Benchmarks -- desk [reports] [--iterations N]</c> (default 100,000
/// reports, 200 requests per query): fills the feedback desk of one commune on the Redis of <c>ConnectionStrings__Redis</c>
/// (flush it first: FLUSHALL is not done here) with reports of mixed status, kind, category, channel, language and age,
/// then times the staff API's list requests for a page of 50 (one client, in process, the whole HTTP pipeline and JSON)
/// and prints p50/p99 per query with the gateway's heap and working set. The reports are written through the desk's own
/// store and index script, as the outbox projection would; no conversation runs.
/// </summary>
public static class DeskBenchmark
{
    private const string Key = "bench-desk-key-0123456789abcdef0123";
    private const string Commune = "casablanca";

    /// <summary>The benchmark's profile of the one test host (tests/Gateway.Testing).</summary>
    private sealed class Host : GatewayHost<Host>
    {
        public Host(string redis)
        {
            EnvironmentName = "Benchmark";
            With("ConnectionStrings:Redis", redis);
            With("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in SafeSettings.For(Key, Commune)) With(key, value);
        }
    }

    public static async Task RunAsync(string[] args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Gateway.sln"))) root = root.Parent;
        if (root is not null) Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GATEWAY", Path.Combine(root.FullName, "gateway", "Gateway"));
        var redis = Environment.GetEnvironmentVariable("ConnectionStrings__Redis");
        if (string.IsNullOrWhiteSpace(redis)) throw new BenchmarkSetupException("desk needs ConnectionStrings__Redis (an empty Redis of its own).");
        var numbers = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToList();
        var reports = numbers.Count > 0 ? numbers[0] : 100_000;
        var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(200);

        await using var host = new Host(redis);
        _ = host.Server;
        var store = host.Services.GetRequiredService<IFeedbackStore>();
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"feedback desk benchmark: {reports:N0} reports of {Commune} on Redis, pages of 50, {iterations} requests per query, one client in process");

        var seed = Stopwatch.StartNew();
        await SeedAsync(store, reports, now);
        Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:F1} s ({reports / seed.Elapsed.TotalSeconds:F0} reports/s: record + index scripts, 64 in flight)");

        var http = host.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var stats = JsonDocument.Parse(await http.GetStringAsync("/api/feedback/stats")).RootElement;
        if (stats.GetProperty("total").GetInt64() != reports) throw new InvalidOperationException($"stats total {stats.GetProperty("total")} != {reports}");

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBefore = GC.GetTotalMemory(true);
        long peakHeap = heapBefore, peakWorkingSet = Environment.WorkingSet;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        Console.WriteLine();
        Console.WriteLine("| query | items/page | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|--:|--:|--:|--:|");
        (string Name, string Url)[] queries =
        [
            ("newest, first page", "/api/feedback?limit=50"),
            ("oldest, first page", "/api/feedback?sort=oldest&limit=50"),
            ("status=in_progress", "/api/feedback?status=in_progress&limit=50"),
            ("kind=suggestion & channel=ussd", "/api/feedback?kind=suggestion&channel=ussd&limit=50"),
            ("overdue, due first", "/api/feedback?overdue=true&sort=due&limit=50"),
            ("category=water & language=ar & last 30 days", $"/api/feedback?category=water&language=ar&from={now.AddDays(-30):yyyy-MM-dd}&limit=50"),
            ("text search q=fuite (post-filter)", "/api/feedback?q=fuite&limit=50"),
        ];
        foreach (var (name, url) in queries) await MeasureAsync(http, name, url, iterations, deep: false);
        await MeasureAsync(http, "newest, pages 2-21 by cursor", "/api/feedback?limit=50", iterations, deep: true);
        await MeasureAsync(http, "stats", "/api/feedback/stats", iterations, deep: false);

        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine();
        Console.WriteLine($"gateway memory while listing: managed heap {heapBefore / 1048576.0:F1} MiB after seeding, peak {peakHeap / 1048576.0:F1} MiB; peak working set {peakWorkingSet / 1048576.0:F0} MiB (the benchmark and the gateway share the process)");
    }

    private static async Task MeasureAsync(HttpClient http, string name, string url, int iterations, bool deep)
    {
        var times = new List<double>(iterations);
        var items = 0;
        string? cursor = null;
        for (var i = 0; i < iterations + 10; i++)
        {
            var request = deep && cursor is not null ? url + "&cursor=" + cursor : url;
            var watch = Stopwatch.StartNew();
            var body = await http.GetStringAsync(request);
            watch.Stop();
            var json = JsonDocument.Parse(body).RootElement;
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("items", out var list))
            {
                items = list.GetArrayLength();
                cursor = deep ? json.GetProperty("next").GetString() : null;
                if (deep && (i % 20 == 19 || cursor is null)) cursor = null; // pages 2 to 21, again and again
            }
            else items = -1;
            if (i >= 10) times.Add(watch.Elapsed.TotalMilliseconds); // the first ten warm up
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"| {name} | {(items < 0 ? "-" : items)} | {P(0.50):F2} | {P(0.99):F2} | {times[^1]:F2} |");
    }

    private static readonly string[] Categories = ["roads", "water", "lighting", "waste", "safety", "other"];
    private static readonly string[] Channels = ["sms", "ussd", "whatsapp"];
    private static readonly string[] LanguageCodes = ["ar", "fr", "zgh", "zgh-Latn"];
    private static readonly string[] Words = ["fuite", "route", "lampe", "ordures", "trou", "eau", "الماء", "ⴰⵎⴰⵏ"];

    private static async Task SeedAsync(IFeedbackStore store, int count, DateTimeOffset now)
    {
        var references = new FeedbackReferences();
        var random = new Random(42);
        var specs = Enumerable.Range(0, count).Select(i =>
        {
            var roll = random.Next(100);
            var status = roll < 55 ? FeedbackStatuses.New : roll < 70 ? FeedbackStatuses.Acknowledged : roll < 80 ? FeedbackStatuses.InProgress : roll < 95 ? FeedbackStatuses.Resolved : FeedbackStatuses.Rejected;
            var received = now.AddMinutes(-random.Next(365 * 24 * 60));
            var text = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} signalement {i}";
            return (Status: status, Received: received, Text: random.Next(10) == 0 ? "je propose " + text : text,
                Category: Categories[random.Next(Categories.Length)], Channel: Channels[random.Next(Channels.Length)], Language: LanguageCodes[random.Next(LanguageCodes.Length)]);
        }).ToList();

        using var gate = new SemaphoreSlim(64);
        var tasks = specs.Select(async s =>
        {
            await gate.WaitAsync();
            try
            {
                while (true)
                {
                    var report = FeedbackReport.Filed(references.Next(), "bench", Commune, s.Category, s.Text, "Hay Dakhla", s.Channel, s.Language, s.Received, TimeSpan.FromDays(60), simulated: false);
                    report.Status = s.Status;
                    if (!report.IsOpen) report.ClosedAt = s.Received.AddDays(10);
                    if (!await store.TryCreateAsync(report, [], CancellationToken.None)) continue;
                    await store.IndexAsync(report, CancellationToken.None);
                    return;
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
    }
}
