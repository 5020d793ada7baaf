using System.Diagnostics;
using System.Net;

namespace Gateway.Benchmarks.Http;

/// <summary>Latencies (ms) and counts of one measured window.</summary>
public sealed record LoadResult(long Requests, long Errors, long Walks, TimeSpan Elapsed, double[] SortedLatenciesMs, IReadOnlyList<string> ErrorSamples)
{
    public double Throughput => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];

    public double Max => SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[^1];
}

/// <summary>
/// A closed-loop load generator: <c>connections</c> workers, each sending one request, waiting for its answer, then
/// the next (a worker walks a contact's conversation step by step, then takes a new contact). Every latency of the
/// measured window is kept (an array, sorted at the end: exact percentiles). A failed step abandons its walk.
/// </summary>
public static class LoadDriver
{
    public static async Task<LoadResult> RunAsync(IScenario scenario, IReadOnlyList<Uri> addresses, int connections, Func<Task> warmUp, TimeSpan duration,
        Action onMeasureStart, Action onMeasureEnd)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        // Requests carry absolute URLs (worker i → replica i mod N); the base address serves PrepareAsync's relative calls.
        using var client = new HttpClient(handler) { BaseAddress = addresses[0], Timeout = TimeSpan.FromSeconds(30) };
        await scenario.PrepareAsync(client);

        var state = new RunState();
        var workers = Enumerable.Range(0, connections).Select(i => Task.Run(() => WorkerAsync(scenario, client, addresses[i % addresses.Count], state))).ToArray();

        await warmUp();
        onMeasureStart();
        var window = Stopwatch.StartNew();
        Volatile.Write(ref state.Measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref state.Measuring, false);
        window.Stop();
        onMeasureEnd();
        Volatile.Write(ref state.Stopping, true);
        await Task.WhenAll(workers);

        var latencies = workers.SelectMany(w => w.Result.Latencies).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(latencies);
        return new LoadResult(latencies.Length + state.MeasuredErrors, state.MeasuredErrors, state.MeasuredWalks, window.Elapsed, latencies, [.. state.ErrorSamples]);
    }

    private sealed class RunState
    {
        public bool Measuring;
        public bool Stopping;
        public long NextWalk;
        public long MeasuredErrors;
        public long MeasuredWalks;
        public readonly List<string> ErrorSamples = [];

        public void Error(string what)
        {
            if (!Volatile.Read(ref Measuring)) return;
            Interlocked.Increment(ref MeasuredErrors);
            lock (ErrorSamples)
                if (ErrorSamples.Count < 5) ErrorSamples.Add(what);
        }
    }

    private sealed record WorkerResult(List<long> Latencies);

    private static async Task<WorkerResult> WorkerAsync(IScenario scenario, HttpClient client, Uri baseAddress, RunState state)
    {
        var latencies = new List<long>(1 << 16);
        while (!Volatile.Read(ref state.Stopping))
        {
            var steps = scenario.Walk(Interlocked.Increment(ref state.NextWalk), baseAddress);
            var completed = true;
            foreach (var step in steps)
            {
                if (Volatile.Read(ref state.Stopping)) { completed = false; break; }
                using var request = step.Build();
                var started = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    failure = !response.IsSuccessStatusCode ? $"{(int)response.StatusCode} {Shorten(body)}"
                        : !body.Contains(step.Expect, StringComparison.Ordinal) ? $"200 without \"{step.Expect}\": {Shorten(body)}"
                        : null;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failure = e.GetType().Name + ": " + e.Message;
                }
                var elapsed = Stopwatch.GetTimestamp() - started;
                if (failure is not null)
                {
                    state.Error($"{request.RequestUri?.AbsolutePath}: {failure}");
                    completed = false;
                    break;
                }
                if (Volatile.Read(ref state.Measuring)) latencies.Add(elapsed);
            }
            if (completed && Volatile.Read(ref state.Measuring)) Interlocked.Increment(ref state.MeasuredWalks);
        }
        return new WorkerResult(latencies);
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
