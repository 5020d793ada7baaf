using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Benchmarks.Http;

/// <summary>
/// A server under test in its own process (the gateway, or the baseline endpoint), so that its working set and
/// GC heap are its own and not mixed with the load generator's. Output goes to a log file; stopped with SIGTERM.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly StreamWriter _log;

    private ServerProcess(Process process, Uri baseAddress, string logPath, StreamWriter log)
    {
        Process = process;
        BaseAddress = baseAddress;
        LogPath = logPath;
        _log = log;
    }

    public Process Process { get; }
    public Uri BaseAddress { get; }
    public string LogPath { get; }

    /// <summary>A free loopback port (bound then released; the child binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>dotnet <paramref name="dll"/> args</c> in <paramref name="workingDirectory"/> and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string dll, IEnumerable<string> args, string workingDirectory, int port,
        IReadOnlyDictionary<string, string> environment, string readyPath)
    {
        if (!File.Exists(dll)) throw new BenchmarkSetupException($"{name}: {dll} does not exist (build it first: dotnet build -c Release).");
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (key, value) in environment) psi.Environment[key] = value;

        var logPath = Path.Combine(Path.GetTempPath(), $"gateway-bench-{name}-{Environment.ProcessId}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new BenchmarkSetupException($"{name}: could not start dotnet");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), logPath, log);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
                throw new BenchmarkSetupException($"{name} exited with {process.ExitCode} while starting; log: {logPath}\n{Tail(logPath)}");
            try
            {
                using var response = await probe.GetAsync(new Uri(server.BaseAddress, readyPath));
                if (response.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new BenchmarkSetupException($"{name} did not answer {readyPath} within 90 s; log: {logPath}\n{Tail(logPath)}");
    }

    /// <summary>SIGTERM (a clean host shutdown: the outbox relay stops, the bus disconnects), SIGKILL after 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await Process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { Process.Kill(); await Process.WaitForExitAsync(); }
        }
        Process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static string Tail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(25));
        }
        catch (IOException) { return ""; }
    }
}
