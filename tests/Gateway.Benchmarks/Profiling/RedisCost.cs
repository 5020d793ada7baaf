using System.Diagnostics;
using System.Globalization;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.Benchmarks.Profiling;

/// <summary>
/// What Redis itself spends (its own CPU, from INFO cpu) per baseline request and per Twilio step of the gateway's
/// store, with no HTTP, no gateway and no broker in the way: the floor each design puts on the shared Redis.
/// <list type="bullet">
/// <item>baseline: GET + SET EX of the bare endpoint, 3 per number (its walk).</item>
/// <item>steps: what the engine asks of <see cref="RedisStore"/> per step of the subscribe walk: the read (a cache miss on
/// the first step only), the commit script (idempotency check and record, version check, state, and on the third step
/// one outbox event), a realistic state and reply.</item>
/// <item>steps + relay: the same, with the relay's reads and acknowledgements of those events (no broker: they are
/// acknowledged as read), so the difference is the outbox's read side.</item>
/// </list>
/// 64 operations in flight over one multiplexer, as the servers run. AOF on, automatic rewrites paused during each
/// measure so the main thread's cost is not mixed with a fork's. Empties Redis (and rewrites its AOF) before and after each part: only for a
/// Redis of the benchmark's own (<c>bash infra/bench.sh redis-cost</c> passes <c>--fresh-redis</c>).
/// </summary>
public static class RedisCost
{
    public const string Command = "redis-cost";
    private const int InFlight = 64;

    /// <summary>Both walks are three requests of one number, taken in turn by one worker as the load generator does.</summary>
    private const int StepsPerWalk = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!args.Contains("--fresh-redis"))
            throw new BenchmarkSetupException("redis-cost empties Redis: pass --fresh-redis, only against a Redis of the benchmark's own (bash infra/bench.sh redis-cost does).");
        var steps = args.SkipWhile(a => a != "--steps").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(150_000);
        var configuration = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") is { Length: > 0 } r ? r
            : throw new BenchmarkSetupException("ConnectionStrings__Redis is not set");
        var options = ConfigurationOptions.Parse(configuration);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var db = redis.GetDatabase();

        Console.WriteLine($"# Redis cost per operation: {steps} of each, {InFlight} in flight, Redis {RedisInfo.Server(redis).Version} at {configuration}");
        var rows = new List<(string Name, Measure Measure)>();
        for (var round = 0; round < 2; round++)
        {
            // The first round warms this process's JIT and Redis's allocator; the second is reported.
            var walks = (round == 0 ? steps / 10 : steps) / StepsPerWalk;
            var run = Guid.NewGuid().ToString("N")[..8];
            var baseline = await MeasureAsync(redis, walks, i => BaselineRequestAsync(db, run, i));
            var store = new RedisStore(redis, NullLogger<RedisStore>.Instance, new ContactStateCache(ContactStateCache.DefaultCapacity));
            var commits = await MeasureAsync(redis, walks, i => StepAsync(store, run + "a", i));
            var relayed = await MeasureAsync(redis, walks, i => StepAsync(store, run + "b", i), () => DrainAsync(store));
            if (round == 1) rows = [("baseline request (GET + SET EX)", baseline), ("gateway step (read, commit)", commits), ("gateway step + relay read/ack", relayed)];
        }

        Console.WriteLine();
        Console.WriteLine("| operation | Redis CPU µs/op | AOF bytes/op | client CPU µs/op | ops/s |");
        Console.WriteLine("|---|--:|--:|--:|--:|");
        foreach (var (name, m) in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {m.RedisMicros:0.0} | {(double.IsNaN(m.AofBytes) ? "-" : m.AofBytes.ToString("0", CultureInfo.InvariantCulture))} | {m.ClientMicros:0.0} | {m.PerSecond:0} |"));
        return 0;
    }

    private sealed record Measure(double RedisMicros, double AofBytes, double ClientMicros, double PerSecond);

    /// <summary>Runs <paramref name="walks"/> walks (each worker one walk at a time, its steps in turn); figures are per step.</summary>
    private static async Task<Measure> MeasureAsync(ConnectionMultiplexer redis, int walks, Func<int, Task> operation, Func<Task>? alongside = null)
    {
        var count = walks * StepsPerWalk;
        var server = RedisInfo.Server(redis);
        await RedisInfo.EmptyAsync(redis);
        var rewrite = (string)(await server.ExecuteAsync("CONFIG", "GET", "auto-aof-rewrite-percentage"))[1]!;
        await server.ExecuteAsync("CONFIG", "SET", "auto-aof-rewrite-percentage", "0");
        try
        {
            var before = RedisInfo.Read(server);
            var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var next = -1;
            using var stop = new CancellationTokenSource();
            var side = alongside is null ? Task.CompletedTask : Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested) await alongside();
            });
            await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
            {
                for (var w = Interlocked.Increment(ref next); w < walks; w = Interlocked.Increment(ref next))
                    for (var step = 0; step < StepsPerWalk; step++) await operation(w * StepsPerWalk + step);
            })));
            await stop.CancelAsync();
            await side;
            if (alongside is not null) await alongside(); // what the last round left
            var elapsed = clock.Elapsed;
            var client = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;
            var after = RedisInfo.Read(server);
            return new Measure((RedisInfo.CpuSeconds(after) - RedisInfo.CpuSeconds(before)) * 1e6 / count, AofGrowth(before, after) / count,
                client.TotalMilliseconds * 1000 / count, count / elapsed.TotalSeconds);
        }
        finally
        {
            await server.ExecuteAsync("CONFIG", "SET", "auto-aof-rewrite-percentage", rewrite);
            await RedisInfo.EmptyAsync(redis);
        }
    }

    /// <summary>Bytes the AOF grew by; NaN when a rewrite (which shrinks it) happened in between.</summary>
    private static double AofGrowth(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        RedisInfo.Number(after, "aof_rewrites") == RedisInfo.Number(before, "aof_rewrites")
            ? RedisInfo.Number(after, "aof_current_size") - RedisInfo.Number(before, "aof_current_size")
            : double.NaN;

    /// <summary>The bare endpoint's work for request <paramref name="i"/> (its walk: three requests per number).</summary>
    private static async Task BaselineRequestAsync(IDatabase db, string run, int i)
    {
        var key = "bench:baseline:+2126" + run + (i / 3).ToString(CultureInfo.InvariantCulture);
        var previous = await db.StringGetAsync(key);
        await db.StringSetAsync(key, "ABONNER" + (previous.IsNull ? "" : "+"), TimeSpan.FromHours(1));
    }

    private static readonly string[] Replies =
    [
        "Votre commune ? 1 Casablanca 2 Rabat 3 Marrakech 4 Agadir 5 Tiznit",
        "Recevoir par message les dates des réunions du conseil d'Agadir ? 1 Oui 2 Non",
        "C'est fait : vous recevrez les dates des réunions d'Agadir. Envoyez STOP pour tout arrêter.",
    ];

    /// <summary>
    /// Step <c>i % 3</c> of walk <c>i / 3</c>, as the engine drives the store (a conflict, which should not happen with
    /// one worker per walk, would be retried as the engine does).
    /// </summary>
    private static async Task StepAsync(RedisStore store, string run, int i)
    {
        var walk = i / 3;
        var step = i % 3;
        var contactId = "c" + run + walk.ToString("x8", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;
        while (true)
        {
            var stored = await store.GetForStepAsync(contactId, CancellationToken.None);
            var state = stored?.State ?? new ContactState { ContactId = contactId, Phone = "+2126" + walk.ToString("D8", CultureInfo.InvariantCulture), CreatedAt = now };
            state.Language = "fr";
            state.Commune = "agadir";
            state.LastChannel = ChannelKind.Sms;
            state.LastProvider = "twilio";
            state.LastTo = "+15005550006";
            state.LastInboundAt[ChannelKind.Sms] = now;
            state.Session = step < 2 ? new Session { FlowId = "subscribe", NodeId = step == 0 ? "commune" : "confirm", StartedAt = now, LastActivityAt = now, ExpiresAt = now.AddMinutes(30) } : null;
            List<OutboxEvent> events = [];
            if (step == 2)
            {
                state.Topics.Add("meetings");
                var opted = new ContactOptedIn(contactId, "agadir", "meetings", "fr", now);
                events.Add(new OutboxEvent(Guid.NewGuid(), nameof(ContactOptedIn), opted, now));
            }
            var result = new StepResult([new Reply(Replies[step], [], "fr")], step < 2, contactId);
            var processed = new ProcessedMessage("SM" + run + i.ToString("x24", CultureInfo.InvariantCulture), result);
            var commit = new ContactCommit(contactId, stored?.Version ?? ContactVersions.Absent, state, events, [], processed);
            if (await store.CommitAsync(commit, CancellationToken.None) is not CommitOutcome.Conflict) return;
        }
    }

    /// <summary>One relay round without a broker: read what waits, acknowledge it as published.</summary>
    private static async Task DrainAsync(RedisStore store)
    {
        var entries = await store.ReadPendingAsync(100, CancellationToken.None);
        if (entries.Count > 0) await store.AcknowledgeAsync(entries, CancellationToken.None);
        else await Task.Delay(1);
    }
}
