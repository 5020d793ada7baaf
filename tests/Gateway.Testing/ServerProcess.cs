using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Testing;

/// <summary>
/// A server under test in its own process (the gateway, or the benchmarks' baseline endpoint): its working set and GC
/// heap are its own, not mixed with the load generator's, and it stops as a deployment stops it, on SIGTERM (the
/// integration tests' shutdown spec). Output goes to a log file.
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
        if (!File.Exists(dll)) throw new ServerProcessException($"{name}: {dll} does not exist (build it first: dotnet build -c Release).");
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

        var logPath = Path.Combine(Path.GetTempPath(), $"gateway-server-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new ServerProcessException($"{name}: could not start dotnet");
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
                throw new ServerProcessException($"{name} exited with {process.ExitCode} while starting; log: {logPath}\n{Tail(logPath)}");
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
        throw new ServerProcessException($"{name} did not answer {readyPath} within 90 s; log: {logPath}\n{Tail(logPath)}");
    }

    /// <summary>
    /// Sends SIGTERM (what a container runtime or systemd sends: a clean host shutdown, the outbox relay stops, the bus
    /// disconnects) and waits up to <paramref name="within"/> for the process to exit; false when it is still running.
    /// </summary>
    public async Task<bool> TerminateAsync(TimeSpan within)
    {
        if (Process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                          ?? throw new ServerProcessException("could not start kill"))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await Process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines of the server's output, for a failure message.</summary>
    public string LogTail() => Tail(LogPath);

    /// <summary>SIGTERM, then SIGKILL after 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!await TerminateAsync(TimeSpan.FromSeconds(15)))
        {
            Process.Kill();
            await Process.WaitForExitAsync();
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

/// <summary>A server process that would not start (or could not be signalled); the message names its log.</summary>
public sealed class ServerProcessException(string message) : Exception(message);
