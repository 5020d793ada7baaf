using System.Diagnostics;
using System.Globalization;

namespace Gateway.Benchmarks.Http;

/// <summary>What the server process reports about itself at one instant (from /proc and its Prometheus text).</summary>
public sealed record ServerSnapshot(TimeSpan Cpu, long Gen0, long Gen1, long Gen2, long AllocatedBytes, long GcHeapBytes, long WorkingSetBytes, TimeSpan JitTime);

/// <summary>
/// Samples the server process: working set from /proc every 100 ms, GC heap (<c>dotnet_total_memory_bytes</c>) from its
/// <c>/metrics</c> every second, keeping the peaks. Scraping /metrics costs the server CPU (the gateway's exposition holds
/// runtime, process and meter series), so it is scraped no more often than a generous Prometheus would. Snapshots at the edges of the measured window give CPU, GC counts and allocations.
/// The gateway's /metrics is prometheus-net's; the baseline server writes the same names.
/// </summary>
public sealed class ServerMonitor : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private const int MetricsEveryTicks = 10;

    private readonly ServerProcess _server;
    private readonly HttpClient _metrics;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public ServerMonitor(ServerProcess server)
    {
        _server = server;
        _metrics = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public long PeakWorkingSet { get; private set; }
    public long PeakGcHeap { get; private set; }

    /// <summary>Resets the peaks and starts sampling (called when the measured window opens).</summary>
    public void Start()
    {
        PeakWorkingSet = 0;
        PeakGcHeap = 0;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Interval);
            try
            {
                for (var tick = 0; await timer.WaitForNextTickAsync(_stop.Token); tick++)
                {
                    try
                    {
                        if (tick % MetricsEveryTicks == 0)
                        {
                            var s = await SnapshotAsync();
                            PeakWorkingSet = Math.Max(PeakWorkingSet, s.WorkingSetBytes);
                            PeakGcHeap = Math.Max(PeakGcHeap, s.GcHeapBytes);
                        }
                        else
                        {
                            PeakWorkingSet = Math.Max(PeakWorkingSet, WorkingSet());
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException) { }
                }
            }
            catch (OperationCanceledException) { }
        });
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
    }

    private long WorkingSet()
    {
        _server.Process.Refresh();
        return _server.Process.WorkingSet64;
    }

    public async Task<ServerSnapshot> SnapshotAsync()
    {
        var process = _server.Process;
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var workingSet = process.WorkingSet64;
        var text = await _metrics.GetStringAsync("/metrics");
        var values = Parse(text);
        long Get(string name) => values.TryGetValue(name, out var v) ? (long)v : 0;
        return new ServerSnapshot(cpu,
            Get("dotnet_collection_count_total{generation=\"0\"}"),
            Get("dotnet_collection_count_total{generation=\"1\"}"),
            Get("dotnet_collection_count_total{generation=\"2\"}"),
            Get(AllocatedMetric),
            Get("dotnet_total_memory_bytes"),
            workingSet,
            TimeSpan.FromSeconds(values.GetValueOrDefault(JitTimeMetric)));
    }

    /// <summary>System.Runtime's <c>dotnet.gc.heap.total_allocated</c> as the gateway exports it (Observability/MeterExport.cs).</summary>
    public const string AllocatedMetric = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>System.Runtime's <c>dotnet.jit.compilation.time</c> (seconds the JIT has run, all threads), same export.</summary>
    public const string JitTimeMetric = "dotnet_jit_compilation_time_seconds_total";

    private static Dictionary<string, double> Parse(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                values[line[..space]] = value;
        }
        return values;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _metrics.Dispose();
        _stop.Dispose();
    }
}
