using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Benchmarks;

/// <summary>
/// Issue 24's two figures, in process (the gateway hosted like <c>desk</c>; <c>--redis</c> for the Redis stores of
/// <c>ConnectionStrings__Redis</c>, an empty Redis of its own: FLUSHALL is not done here):
/// <list type="bullet">
/// <item><c>breakdown [votes] [--iterations N]</c>: a poll with 100,000 real votes spread over profile cells as a commune's
/// would be (4 genders, birth years 1950–2010 or a band, 12 places, other, unknown), written as the vote steps write them;
/// then <c>GET /api/polls/{id}/results?by=gender,age</c> and <c>?by=place</c> one at a time, p50/p99/max of N each.</item>
/// <item><c>vote-ab [--pairs N] [--commits N]</c>: the vote step's commit without the profile cells (the counter fields a vote
/// wrote before issue 24: option, total, channel, language) and with them (plus its cell field, its participation field,
/// the person once a month and the contact's remembered participation), in alternating pairs (AB, BA, AB…), one commit at
/// a time, each pair printed, then the mean difference and its spread.</item>
/// </list>
/// </summary>
public static class BreakdownBenchmark
{
    public const string Command = "breakdown";
    public const string AbCommand = "vote-ab";
    private const string Key = "bench-breakdown-key-0123456789abcdef01";

    private sealed class Host : GatewayHost<Host>
    {
        public Host(string? redis)
        {
            EnvironmentName = "Benchmark";
            if (redis is not null) With("ConnectionStrings:Redis", redis);
            With("Logging:LogLevel:Default", "Warning");
            // One client asking 1,500 times in a few seconds: the route is measured, not the per-key rate limit (0 = off).
            With("Abuse:AdminPerKey", "0");
            foreach (var (key, value) in SafeSettings.For(Key)) With(key, value);
        }
    }

    private static Host Start(string[] args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Gateway.sln"))) root = root.Parent;
        if (root is not null) Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GATEWAY", Path.Combine(root.FullName, "gateway", "Gateway"));
        string? redis = null;
        if (args.Contains("--redis"))
        {
            redis = Environment.GetEnvironmentVariable("ConnectionStrings__Redis");
            if (string.IsNullOrWhiteSpace(redis)) throw new BenchmarkSetupException("--redis needs ConnectionStrings__Redis (an empty Redis of its own).");
        }
        var host = new Host(redis);
        _ = host.Server;
        Console.WriteLine($"stores: {(redis is null ? "in memory (embedded default)" : "Redis " + redis)}");
        return host;
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

    public static async Task<int> RunAsync(string[] args)
    {
        // The first number that is not an option's value.
        var votes = args.Where((a, i) => int.TryParse(a, out _) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).Select(int.Parse).FirstOrDefault(100_000);
        var iterations = Option(args, "--iterations", 500);
        await using var host = Start(args);
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var created = await http.PostAsJsonAsync("/api/polls", new
        {
            commune = "casablanca",
            keyword = "BENCHBREAK",
            question = new Dictionary<string, string> { ["fr"] = "Quel projet d'abord ?", ["ar"] = "أي مشروع أولا؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Terrain de sport", ["ar"] = "ملعب" },
                new Dictionary<string, string> { ["fr"] = "Bibliothèque", ["ar"] = "مكتبة" },
                new Dictionary<string, string> { ["fr"] = "Éclairage", ["ar"] = "إنارة" },
            },
            closesAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        if (!created.IsSuccessStatusCode) throw new BenchmarkSetupException($"creating the poll failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var poll = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var seed = Stopwatch.StartNew();
        var fields = await SeedAsync(host.Services.GetRequiredService<IContactStore>(), poll, votes);
        Console.WriteLine($"{votes:N0} votes in {fields:N0} counter fields, written in {seed.Elapsed.TotalSeconds:F1} s");
        var total = JsonDocument.Parse(await http.GetStringAsync($"/api/polls/{poll}/results")).RootElement.GetProperty("total").GetInt64();
        if (total != votes) throw new InvalidOperationException($"results total {total} != {votes}");

        Console.WriteLine();
        Console.WriteLine($"| request ({iterations} one at a time, after 20 to warm up) | rows | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|--:|--:|--:|--:|");
        foreach (var by in new[] { "gender,age", "place", "gender" })
            await MeasureAsync(http, $"/api/polls/{poll}/results?by={by}", iterations);
        return 0;
    }

    /// <summary>Writes the votes as vote steps do (option, total, channel, language, and the cell), in commits of up to 200 fields.</summary>
    private static async Task<int> SeedAsync(IContactStore store, string poll, int votes)
    {
        var random = new Random(24);
        string[] genders = ["w", "w", "m", "m", "s", "u"];
        string[] bands = ["b15-17", "b18-24", "b25-34", "b35-54", "b55+"];
        var places = Enumerable.Range(1, 12).Select(i => $"hay-{i}").Append("other").Append("u").ToArray();
        string[] channels = ["sms", "ussd", "whatsapp"];
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string field) => counts[field] = counts.GetValueOrDefault(field) + 1;
        for (var i = 0; i < votes; i++)
        {
            var option = 1 + random.Next(3);
            var roll = random.Next(10);
            var cell = roll < 3 ? ProfileCell.Unknown // a third never gave a profile
                : new ProfileCell(genders[random.Next(genders.Length)],
                    roll < 5 ? bands[random.Next(bands.Length)] : "y" + (1950 + random.Next(61)), places[random.Next(places.Length)]);
            Add($"option:{option}");
            Add("total");
            Add("channel:" + channels[random.Next(3)]);
            Add("language:" + (random.Next(2) == 0 ? "fr" : "ar"));
            Add(ProfileCounters.PollCellField(cell, option));
        }
        var counter = ProfileCounters.PollCounter(poll);
        foreach (var batch in counts.Chunk(200))
        {
            var id = "bench-seed-" + Guid.NewGuid().ToString("N");
            var state = new ContactState { ContactId = id, CreatedAt = DateTimeOffset.UtcNow };
            if (!await store.TryCommitAsync(new ContactCommit(id, 0, state, [], [.. batch.Select(f => new CounterIncrement(counter, f.Key, f.Value))], null), default))
                throw new InvalidOperationException("seed commit refused");
        }
        return counts.Count;
    }

    private static async Task MeasureAsync(HttpClient http, string url, int iterations)
    {
        var times = new List<double>(iterations);
        var rows = 0;
        for (var i = 0; i < iterations + 20; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body}");
            if (i == 0) rows = JsonDocument.Parse(body).RootElement.GetProperty("breakdown").GetArrayLength();
            if (i >= 20) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"| `{url[(url.IndexOf('?') + 1)..]}` | {rows} | {P(0.50):F2} | {P(0.99):F2} | {times[^1]:F2} |");
    }

    public static async Task<int> RunAbAsync(string[] args)
    {
        var pairs = Option(args, "--pairs", 10);
        var commits = Option(args, "--commits", 2000);
        await using var host = Start(args);
        var store = host.Services.GetRequiredService<IContactStore>();
        Console.WriteLine($"vote commit A/B: A = the counter fields of a vote before issue 24, B = with its profile cells; {pairs} pairs of {commits} commits each side, one at a time, order alternating");
        await CommitsAsync(store, commits / 4, cells: false); // warm-up, both sides
        await CommitsAsync(store, commits / 4, cells: true);
        Console.WriteLine();
        Console.WriteLine("| pair | order | A µs/commit | B µs/commit | B − A µs |");
        Console.WriteLine("|--:|---|--:|--:|--:|");
        var differences = new List<double>();
        for (var pair = 1; pair <= pairs; pair++)
        {
            var bFirst = pair % 2 == 0;
            double a, b;
            if (bFirst)
            {
                b = await CommitsAsync(store, commits, cells: true);
                a = await CommitsAsync(store, commits, cells: false);
            }
            else
            {
                a = await CommitsAsync(store, commits, cells: false);
                b = await CommitsAsync(store, commits, cells: true);
            }
            differences.Add(b - a);
            Console.WriteLine($"| {pair} | {(bFirst ? "BA" : "AB")} | {a:F1} | {b:F1} | {b - a:+0.0;-0.0} |");
        }
        var mean = differences.Average();
        var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, differences.Count - 1));
        Console.WriteLine();
        Console.WriteLine($"mean B − A: {mean:+0.0;-0.0} µs per commit (standard deviation over pairs {sd:F1} µs; standard error {sd / Math.Sqrt(differences.Count):F1} µs)");
        return 0;
    }

    /// <summary>Mean µs of one vote's commit by a new contact (the first vote is the heaviest: a contact created, the person counted).</summary>
    private static async Task<double> CommitsAsync(IContactStore store, int commits, bool cells)
    {
        var month = ProfileCounters.MonthOf(DateTimeOffset.UtcNow);
        var cell = new ProfileCell("w", "y1998", "hay-1");
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            var id = "bench-ab-" + Guid.NewGuid().ToString("N");
            var state = new ContactState { ContactId = id, Commune = "casablanca", CreatedAt = DateTimeOffset.UtcNow };
            state.PollVotes["p-ab"] = 1 + i % 3;
            var option = 1 + i % 3;
            List<CounterIncrement> counters =
            [
                new("poll:p-ab", $"option:{option}", 1), new("poll:p-ab", "total", 1), new("poll:p-ab", "channel:sms", 1), new("poll:p-ab", "language:fr", 1),
            ];
            if (cells)
            {
                counters.Add(new("poll:p-ab", ProfileCounters.PollCellField(cell, option), 1));
                counters.Add(new(ProfileCounters.Participation("casablanca", month), ProfileCounters.ParticipationField(ProfileCounters.Vote, "sms", cell), 1));
                counters.Add(new(ProfileCounters.Participation("casablanca", month), ProfileCounters.ParticipationField(ProfileCounters.People, ProfileCounters.AllChannels, cell), 1));
                state.Participations = new(StringComparer.Ordinal)
                {
                    [ProfileCounters.ParticipationKey(ProfileCounters.Vote, "casablanca", month, "sms")] = 1,
                    [ProfileCounters.ParticipationKey(ProfileCounters.People, "casablanca", month, ProfileCounters.AllChannels)] = 1,
                };
            }
            if (!await store.TryCommitAsync(new ContactCommit(id, 0, state, [], counters, null), default)) throw new InvalidOperationException("commit refused");
        }
        return watch.Elapsed.TotalMicroseconds / commits;
    }
}
