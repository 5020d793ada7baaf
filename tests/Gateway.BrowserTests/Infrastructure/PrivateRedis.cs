using System.Diagnostics;
using System.Net.Sockets;

namespace Gateway.BrowserTests.Infrastructure;

/// <summary>
/// A redis-server of the test's own (infra/install.sh installs it) on a free loopback port, in memory only: the browser
/// tests run without the integration tests' services, and a test of several replicas needs the one store they share.
/// Stopped by its own process id when disposed.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateRedis(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    /// <summary>The StackExchange.Redis connection string (<c>ConnectionStrings:Redis</c>).</summary>
    public string ConnectionString { get; }

    public static async Task<PrivateRedis> StartAsync()
    {
        const string server = "/usr/bin/redis-server";
        if (!File.Exists(server)) throw new InvalidOperationException($"{server} is missing: run infra/install.sh (it installs redis-server).");
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath() })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new PrivateRedis(process, port);
        await Wait.ForAsync(() => Task.FromResult(Listening(port)), up => up || process.HasExited, "the private redis-server to listen", seconds: 30);
        if (process.HasExited) throw new InvalidOperationException($"redis-server exited with {process.ExitCode} on port {port}");
        return redis;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
