using System.Diagnostics;
using Gateway.Alerts;
using Gateway.Alerts.Compose;
using Gateway.Channels;
using Gateway.Contacts;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Outbound;

namespace Gateway.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Gateway.Benchmarks -- alerts [--redis] [sizes…]</c> (default sizes 10000 100000):
/// seeds N subscribers (real contact states and index entries), sends one alert to all of them into a loopback provider with
/// no rate limit, and prints messages/s and memory. With <c>--redis</c> the stores are the Redis ones of
/// <c>ConnectionStrings__Redis</c> (flush it first: the benchmark writes N contacts). Memory: the managed-heap growth during
/// the fan-out over the heap after seeding, and the process's peak working set; on the embedded store the per-alert claim set
/// lives in the process, so a little growth per recipient there is the at-most-once record, not the audience.
/// </summary>
public static class AlertsBenchmark
{
    private sealed class LoopbackProvider : IMessageSender
    {
        public long Count;
        public string Provider => "loop";

        public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref Count);
            return Task.FromResult(SendOutcome.Ok("L" + n));
        }
    }

    /// <summary>The benchmark's profile of the one test host (tests/Gateway.Testing).</summary>
    private sealed class Host : GatewayHost<Host>
    {
        public Host(string? redis, LoopbackProvider provider)
        {
            EnvironmentName = "Benchmark";
            With("ConnectionStrings:Redis", redis ?? "");
            With("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in SafeSettings.For("bench-alerts-key-0123456789abcdef0123")) With(key, value);
            With("Alerts:QuietHours:Start", "00:00");
            With("Alerts:QuietHours:End", "00:00");
            With("Alerts:DailyCap", "0");
            With("Alerts:SchedulerInterval", "00:00:00.050");
            WithServices(services => services.AddSingleton<IMessageSender>(provider));
        }
    }

    public static async Task RunAsync(string[] args)
    {
        // WebApplicationFactory finds the content root through an attribute only test projects get; point it at the host's folder.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Gateway.sln"))) root = root.Parent;
        if (root is not null) Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GATEWAY", Path.Combine(root.FullName, "gateway", "Gateway"));

        var useRedis = args.Contains("--redis");
        var redis = useRedis ? Environment.GetEnvironmentVariable("ConnectionStrings__Redis") : null;
        if (useRedis && string.IsNullOrWhiteSpace(redis)) throw new InvalidOperationException("--redis needs ConnectionStrings__Redis.");
        var sizes = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToList();
        if (sizes.Count == 0) sizes = [10_000, 100_000];

        Console.WriteLine($"alerts fan-out benchmark: store={(useRedis ? "redis" : "in-memory")}, bus=in-memory, provider=loopback (no rate limit)");
        Console.WriteLine("recipients |  seconds | messages/s | heap growth during fan-out | bytes/recipient | peak working set");
        foreach (var size in sizes) await RunOnceAsync(size, redis);
    }

    private static async Task RunOnceAsync(int size, string? redis)
    {
        var provider = new LoopbackProvider();
        await using var host = new Host(redis, provider);
        _ = host.Server;
        var services = host.Services;
        var commune = "bench-" + size;

        // Seeded in slices, so the process does not hold the whole list (a million rows) while the fan-out is measured:
        // the peak working set is the fan-out's, not the seeding's. Communes come from configuration; the benchmark's
        // audience is keyed by an ad-hoc commune name.
        const int slice = 20_000;
        var import = services.GetRequiredService<AudienceImport>();
        for (var start = 0; start < size; start += slice)
        {
            var rows = Enumerable.Range(start, Math.Min(slice, size - start))
                .Select(i => new SubscriberRow("+2126" + (30_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (i % 3) switch { 0 => "fr", 1 => "ar", _ => "zgh" }, "sms", provider.Provider))
                .ToList();
            await import.ImportAsync(commune, "meetings", rows, publishEvents: false, CancellationToken.None);
        }

        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var seededWorkingSet = Environment.WorkingSet;
        long peakHeap = baseline, peakWorkingSet = seededWorkingSet;
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

        var alerts = services.GetRequiredService<AlertService>();
        var texts = new Dictionary<string, string> { ["fr"] = "Seance du conseil mercredi a 18 h.", ["ar"] = "دورة المجلس يوم الأربعاء.", ["zgh"] = "ⴰⵎⵓⵏ ⵏ ⵓⵙⵇⵇⵉⵎ." };
        var composed = new ComposedAlert(commune, "meetings", null, DateTimeOffset.UtcNow, texts, texts, false, [], null);
        var watch = Stopwatch.StartNew();
        var (alert, _) = await alerts.CreateAsync(composed, "bench", CancellationToken.None);
        AlertView view;
        while ((view = (await alerts.GetAsync(alert.Id, CancellationToken.None))!).Status != AlertStatus.Done) await Task.Delay(20);
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;

        var growth = peakHeap - baseline;
        Console.WriteLine($"{size,10} | {watch.Elapsed.TotalSeconds,8:F2} | {size / watch.Elapsed.TotalSeconds,10:F0} | {growth / 1048576.0,22:F1} MiB | {growth / (double)size,15:F0} | {peakWorkingSet / 1048576.0,12:F0} MiB (after seeding: {seededWorkingSet / 1048576.0:F0} MiB)");
        if (view.Counts.Sent != size || provider.Count != size)
            throw new InvalidOperationException($"Expected {size} sends, got {view.Counts.Sent} counted and {provider.Count} at the provider.");
    }
}
