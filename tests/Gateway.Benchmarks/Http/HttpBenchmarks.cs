using System.Diagnostics;
using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Benchmarks.Http;

/// <summary>Everything measured for one scenario.</summary>
public sealed record ScenarioResult(
    string Name, string Unit, int Connections, LoadResult Load, long PeakWorkingSet, long PeakGcHeap,
    ServerSnapshot Start, ServerSnapshot End, TimeSpan DriverCpu, double MachineBusyCores, long OutboxLeft, TimeSpan OutboxDrain, WarmUp WarmUp)
{
    /// <summary>Redis server CPU (user + sys) during the window, per request: what each design costs the shared Redis.</summary>
    public double RedisCpuMsPerRequest { get; init; } = double.NaN;

    /// <summary>What the scenario checked after the load (the webhooks benchmark: nothing lost), if anything.</summary>
    public AfterLoadCheck? Check { get; init; }

    public double ServerCores => (End.Cpu - Start.Cpu).TotalSeconds / Load.Elapsed.TotalSeconds;
    public double ServerCpuMsPerRequest => (End.Cpu - Start.Cpu).TotalMilliseconds / Math.Max(1, Load.Requests);
    public double AllocatedKbPerRequest => (End.AllocatedBytes - Start.AllocatedBytes) / 1024.0 / Math.Max(1, Load.Requests);
    public double DriverCores => DriverCpu.TotalSeconds / Load.Elapsed.TotalSeconds;
}

/// <summary>Runs the HTTP benchmarks: server in its own process, smoke walk, warm-up, measured window, report.</summary>
public static class HttpBenchmarks
{
    private static IScenario[] Scenarios(string command) => command switch
    {
        "baseline" => [new BaselineScenario()],
        "twilio" => [new TwilioScenario()],
        "ussd" => [new UssdScenario()],
        "votes" => [new VotesScenario()],
        "all" => [new BaselineScenario(), new TwilioScenario(), new UssdScenario(), new VotesScenario()],
        // Issue 27: the same USSD load without, then with, a webhook subscriber that answers 500 to everything.
        "webhooks" => [new WebhookLoadScenario(withFailingSubscriber: false), new WebhookLoadScenario(withFailingSubscriber: true)],
        _ => throw new BenchmarkSetupException($"unknown benchmark {command}"),
    };

    public static async Task<int> RunAsync(string command, BenchSettings settings)
    {
        Console.WriteLine($"# Gateway HTTP benchmark: {command}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {MachineLoad.LoadAverage()}, .NET {Environment.Version}, {RepoPaths.Configuration} build");
        Console.WriteLine($"load: {settings.Connections} connections (closed loop), warm-up {settings.Warmup.TotalSeconds:0} s then until the server's JIT settles (at most {settings.MaxWarmup.TotalSeconds:0} s), measured {settings.Duration.TotalSeconds:0} s; Redis {settings.Redis}, RabbitMQ {RedactedUri(settings.RabbitMq)}");
        using var redis = await ConnectRedisAsync(settings.Redis);

        var results = new List<ScenarioResult>();
        foreach (var scenario in Scenarios(command))
        {
            var result = await RunScenarioAsync(scenario, settings, redis);
            results.Add(result);
            PrintDetails(result, results.FirstOrDefault(r => r.Name == "baseline"));
            if (scenario is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }

        Console.WriteLine();
        Console.WriteLine(Markdown(results, settings));
        return results.Any(r => r.Load.Errors > 0 || r.Load.Requests == 0 || r.Check is { Holds: false }) ? 3 : 0;
    }

    private static async Task<ScenarioResult> RunScenarioAsync(IScenario scenario, BenchSettings settings, ConnectionMultiplexer redis)
    {
        Console.WriteLine();
        if (settings.FreshRedis) await RedisInfo.EmptyAsync(redis);
        Console.WriteLine($"## {scenario.Name}: starting the server…");
        await using var server = await scenario.StartServerAsync(settings);
        Console.WriteLine($"{scenario.Name}: pid {server.Process.Id} on {server.BaseAddress} (log {server.LogPath}); smoke walk…");
        await SmokeWalkAsync(scenario, server.BaseAddress);
        // More replicas (--replicas): the same server again, side by side; the monitor's columns (CPU, memory, JIT) are replica 0's.
        await using var others = new ServerGroup();
        for (var i = 1; i < settings.Replicas; i++)
        {
            var replica = await others.AddAsync(scenario.StartServerAsync(settings));
            Console.WriteLine($"{scenario.Name}: replica {i}: pid {replica.Process.Id} on {replica.BaseAddress} (log {replica.LogPath}); smoke walk…");
            // A walk of its own, far from the load's (its number modulo 10^8 picks the phone): a new contact on this replica too.
            await SmokeWalkAsync(scenario, replica.BaseAddress, 99_999_000 + i);
        }
        Uri[] addresses = [server.BaseAddress, .. others.Servers.Select(s => s.BaseAddress)];

        await using var monitor = new ServerMonitor(server);
        var warmUp = new WarmUp(monitor, settings.Warmup, settings.MaxWarmup);
        ServerSnapshot? start = null, end = null;
        TimeSpan driverStart = default, driverEnd = default;
        double redisStart = 0, redisEnd = 0;
        MachineLoad machineStart = default, machineEnd = default;
        var load = await LoadDriver.RunAsync(scenario, addresses, settings.Connections, warmUp.RunAsync, settings.Duration,
            onMeasureStart: () =>
            {
                start = monitor.SnapshotAsync().GetAwaiter().GetResult();
                driverStart = Process.GetCurrentProcess().TotalProcessorTime;
                machineStart = MachineLoad.Read();
                redisStart = RedisInfo.CpuSecondsOfAll(redis);
                monitor.Start();
            },
            onMeasureEnd: () =>
            {
                machineEnd = MachineLoad.Read();
                redisEnd = RedisInfo.CpuSecondsOfAll(redis);
                driverEnd = Process.GetCurrentProcess().TotalProcessorTime;
                monitor.StopAsync().GetAwaiter().GetResult();
                end = monitor.SnapshotAsync().GetAwaiter().GetResult();
            });

        var (left, drain) = await WaitForOutboxAsync(redis);
        var check = scenario is WebhookLoadScenario webhooks ? await webhooks.CheckAsync(server.BaseAddress, redis) : null;
        return new ScenarioResult(scenario.Name, scenario.Unit, settings.Connections, load, monitor.PeakWorkingSet, monitor.PeakGcHeap,
            start!, end!, driverEnd - driverStart, MachineLoad.BusyCores(machineStart, machineEnd), left, drain, warmUp)
        {
            RedisCpuMsPerRequest = (redisEnd - redisStart) * 1000 / Math.Max(1, load.Requests),
            Check = check,
        };
    }

    /// <summary>One walk, step by step, before any load: a flow that does not answer as expected stops the benchmark here.</summary>
    private static async Task SmokeWalkAsync(IScenario scenario, Uri baseAddress, long walk = 0)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await scenario.PrepareAsync(client);
        foreach (var step in scenario.Walk(walk, baseAddress))
        {
            using var request = step.Build();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !body.Contains(step.Expect, StringComparison.Ordinal))
                throw new BenchmarkSetupException($"{scenario.Name}: smoke walk failed at {request.RequestUri}: {(int)response.StatusCode}, expected \"{step.Expect}\" in:\n{body}");
        }
    }

    /// <summary>Outbox entries the relay has not yet published (all 64 shard streams), waited on for up to 30 s after the load.</summary>
    private static async Task<(long Left, TimeSpan Drain)> WaitForOutboxAsync(ConnectionMultiplexer redis)
    {
        var db = redis.GetDatabase();
        var clock = Stopwatch.StartNew();
        long left;
        do
        {
            var lengths = await Task.WhenAll(Enumerable.Range(0, Gateway.Storage.Redis.RedisKeys.ShardCount)
                .Select(s => db.StreamLengthAsync(Gateway.Storage.Redis.RedisKeys.Outbox(s))));
            left = lengths.Sum();
            if (left == 0) break;
            await Task.Delay(100);
        } while (clock.Elapsed < TimeSpan.FromSeconds(30));
        return (left, clock.Elapsed);
    }

    private static async Task<ConnectionMultiplexer> ConnectRedisAsync(string configuration)
    {
        // Admin mode for INFO (Redis CPU); this connection is the benchmark's own, never the gateway's.
        var options = ConfigurationOptions.Parse(configuration);
        options.AllowAdmin = true;
        try { return await ConnectionMultiplexer.ConnectAsync(options); }
        catch (RedisConnectionException e) { throw new BenchmarkSetupException($"Redis at {configuration} is not reachable: {e.Message}"); }
    }

    private static void PrintDetails(ScenarioResult r, ScenarioResult? baseline)
    {
        var l = r.Load;
        var rows = new List<(string, string)>
        {
            ("warm-up", r.WarmUp.Describe()),
            ($"throughput ({r.Unit}/s)", F(l.Throughput, "0")),
            ("vs baseline", baseline is null || baseline == r ? "-" : Percent(l.Throughput / baseline.Load.Throughput)),
            ($"{r.Unit} measured / errors", $"{l.Requests} / {l.Errors}"),
            ("walks completed", l.Walks.ToString(CultureInfo.InvariantCulture)),
            ("latency p50 / p90 / p99 / max (ms)", $"{F(l.Percentile(50), "0.0")} / {F(l.Percentile(90), "0.0")} / {F(l.Percentile(99), "0.0")} / {F(l.Max, "0.0")}"),
            ("server peak working set (MB)", F(r.PeakWorkingSet / 1048576.0, "0")),
            ("server peak GC heap (MB)", F(r.PeakGcHeap / 1048576.0, "0")),
            ("server CPU (cores) / ms per request", $"{F(r.ServerCores, "0.00")} / {F(r.ServerCpuMsPerRequest, "0.000")}"),
            ("Redis CPU per request (ms)", F(r.RedisCpuMsPerRequest, "0.000")),
            ("server JIT in the measured window (ms)", F((r.End.JitTime - r.Start.JitTime).TotalMilliseconds, "0")),
            ("server allocated per request (KB)", F(r.AllocatedKbPerRequest, "0.0")),
            ("server GCs gen0 / gen1 / gen2", $"{r.End.Gen0 - r.Start.Gen0} / {r.End.Gen1 - r.Start.Gen1} / {r.End.Gen2 - r.Start.Gen2}"),
            ("load generator CPU (cores)", F(r.DriverCores, "0.00")),
            ("machine busy (cores, all processes)", F(r.MachineBusyCores, "0.00")),
            ("outbox left after load / waited (s)", $"{r.OutboxLeft} / {F(r.OutboxDrain.TotalSeconds, "0.0")}"),
        };
        var width = rows.Max(x => x.Item1.Length);
        Console.WriteLine($"### {r.Name}");
        foreach (var (name, value) in rows) Console.WriteLine($"  {name.PadRight(width)}  {value}");
        foreach (var sample in l.ErrorSamples) Console.WriteLine($"  error: {sample}");
        if (r.Check is { } check) Console.WriteLine($"  after the load: {check.Report}{(check.Holds ? "" : "  <-- NOT AS EXPECTED")}");
    }

    /// <summary>The summary, ready for the README's performance section.</summary>
    public static string Markdown(IReadOnlyList<ScenarioResult> results, BenchSettings settings)
    {
        var baseline = results.FirstOrDefault(r => r.Name == "baseline");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.Connections} connections, {settings.Duration.TotalSeconds:0} s measured after a warm-up of at least {settings.Warmup.TotalSeconds:0} s, until the server's JIT settled (warm-up column), {Environment.ProcessorCount} cores shared by server, load generator, Redis and RabbitMQ:");
        text.AppendLine();
        text.AppendLine("| benchmark | unit | req/s | vs baseline | p50 ms | p90 ms | p99 ms | max ms | errors | peak WS MB | peak GC heap MB | CPU ms/req | Redis CPU ms/req | alloc KB/req | machine busy cores | warm-up s |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            var l = r.Load;
            var ratio = baseline is null || baseline == r ? "-" : Percent(l.Throughput / baseline.Load.Throughput);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Unit} | {F(l.Throughput, "0")} | {ratio} | {F(l.Percentile(50), "0.0")} | {F(l.Percentile(90), "0.0")} | {F(l.Percentile(99), "0.0")} | {F(l.Max, "0.0")} | {l.Errors} | {F(r.PeakWorkingSet / 1048576.0, "0")} | {F(r.PeakGcHeap / 1048576.0, "0")} | {F(r.ServerCpuMsPerRequest, "0.00")} | {F(r.RedisCpuMsPerRequest, "0.00")} | {F(r.AllocatedKbPerRequest, "0.0")} | {F(r.MachineBusyCores, "0.0")} | {F(r.WarmUp.Elapsed.TotalSeconds, "0")}{(r.WarmUp.Settled ? "" : " (JIT not settled)")} |");
        }
        return text.ToString();
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string RedactedUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Host}:{u.Port}{u.AbsolutePath}" : "(set)";
}
