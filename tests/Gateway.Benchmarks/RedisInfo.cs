using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Gateway.Benchmarks;

/// <summary>The benchmarks' own view of Redis (an admin connection of theirs): INFO fields, and emptying it between measures.</summary>
internal static class RedisInfo
{
    public static IServer Server(ConnectionMultiplexer redis) => Primaries(redis)[0];

    /// <summary>Every primary: one on a single Redis, each master on a cluster.</summary>
    public static IReadOnlyList<IServer> Primaries(ConnectionMultiplexer redis) =>
        [.. redis.GetServers().Where(s => s.IsConnected && !s.IsReplica).OrderBy(s => s.EndPoint.ToString(), StringComparer.Ordinal)];

    /// <summary>The CPU seconds of every primary together (a cluster's masters share the work).</summary>
    public static double CpuSecondsOfAll(ConnectionMultiplexer redis) => Primaries(redis).Sum(s => CpuSeconds(Read(s, "cpu")));

    /// <summary>The fields of one INFO section (all sections when null).</summary>
    public static Dictionary<string, string> Read(IServer server, string? section = null) =>
        server.Info(section).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>A numeric field; 0 when absent.</summary>
    public static double Number(IReadOnlyDictionary<string, string> info, string key) =>
        info.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : 0;

    /// <summary>used_cpu_user + used_cpu_sys of the main process, in seconds (AOF-rewrite children are counted apart).</summary>
    public static double CpuSeconds(IReadOnlyDictionary<string, string> info) => Number(info, "used_cpu_user") + Number(info, "used_cpu_sys");

    /// <summary>
    /// FLUSHALL, then an AOF rewrite, waited for: a measure starts on an empty Redis with a small AOF, as the baseline
    /// (first) does. Otherwise later scenarios of <c>all</c> ran on the earlier ones' million keys, paying longer fork
    /// pauses and rewrite CPU for data that is not theirs.
    /// </summary>
    public static async Task EmptyAsync(ConnectionMultiplexer redis)
    {
        foreach (var server in Primaries(redis))
        {
            await server.FlushAllDatabasesAsync();
            if (Read(server, "persistence").GetValueOrDefault("aof_enabled") != "1") continue;
            await WaitForRewriteAsync(server);
            await server.SaveAsync(SaveType.BackgroundRewriteAppendOnlyFile);
            await WaitForRewriteAsync(server);
        }
    }

    private static async Task WaitForRewriteAsync(IServer server)
    {
        var deadline = Stopwatch.StartNew();
        while (Read(server, "persistence") is var p && (p.GetValueOrDefault("aof_rewrite_in_progress") == "1" || p.GetValueOrDefault("aof_rewrite_scheduled") == "1"))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new BenchmarkSetupException("Redis did not finish its AOF rewrite within 2 minutes.");
            await Task.Delay(100);
        }
    }
}
