namespace Gateway.Benchmarks.Http;

/// <summary>
/// The warm-up before a measured window: at least the requested time under load, then on until the server's JIT has
/// settled (it compiled for less than <see cref="SettledShare"/> of an <see cref="Interval"/>, twice in a row: one quiet
/// interval alone was seen followed by louder ones), up to a cap.
/// Why: on 2 shared cores under load, tiered compilation with dynamic PGO kept the gateway's JIT thread at ~30 % of the
/// process's CPU 22–32 s after start (thread CPU from /proc) and near zero by 70 s; a fixed 30 s warm-up measured part
/// of the start-up, not the steady state a gateway runs in for days. The baseline, far less code, settles sooner.
/// </summary>
public sealed class WarmUp(ServerMonitor monitor, TimeSpan minimum, TimeSpan maximum)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private const double SettledShare = 0.01;

    public TimeSpan Elapsed { get; private set; }

    public bool Settled { get; private set; }

    private readonly List<double> _intervalsMs = [];

    public async Task RunAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(minimum);
        var before = (await monitor.SnapshotAsync()).JitTime;
        var quiet = 0;
        while (clock.Elapsed + Interval <= maximum)
        {
            await Task.Delay(Interval);
            var now = (await monitor.SnapshotAsync()).JitTime;
            var jit = now - before;
            _intervalsMs.Add(jit.TotalMilliseconds);
            before = now;
            quiet = jit < Interval * SettledShare ? quiet + 1 : 0;
            if (quiet == 2)
            {
                Settled = true;
                break;
            }
        }
        Elapsed = clock.Elapsed;
    }

    /// <summary>How long, and the JIT time of each interval after the minimum (ms), so a reader sees the settling.</summary>
    public string Describe() =>
        $"{Elapsed.TotalSeconds:0} s{(Settled ? "" : $" (JIT not settled at the {maximum.TotalSeconds:0} s cap)")}; JIT ms per " +
        $"{Interval.TotalSeconds:0} s after the first {minimum.TotalSeconds:0} s: {string.Join(", ", _intervalsMs.Select(ms => ms.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}";
}
