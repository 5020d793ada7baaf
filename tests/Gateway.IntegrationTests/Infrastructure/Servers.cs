using System.Diagnostics;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// The real Redis and RabbitMQ the test command (<c>infra/test.sh</c>) starts, found through the environment:
/// <list type="bullet">
/// <item><c>ConnectionStrings__Redis</c>, e.g. <c>127.0.0.1:16379</c></item>
/// <item><c>ConnectionStrings__RabbitMq</c>, e.g. <c>amqp://guest:guest@127.0.0.1:25672/</c></item>
/// <item><c>GATEWAY_REDIS_CLUSTER</c>, the 3-master Redis Cluster (<c>127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3</c>), and
/// <c>GATEWAY_REDIS_SENTINEL</c>, the Sentinel set (<c>127.0.0.1:s1,...,serviceName=gateway</c>): StackExchange.Redis strings.</item>
/// <item><c>GATEWAY_INFRA_SCRIPT</c>, the absolute path of <c>infra/services.sh</c>, which understands
/// <c>stop|start|restart redis|rabbitmq</c> (keeping ports and data) and <c>add-vhost|delete-vhost NAME</c>.</item>
/// </list>
/// Missing variables fail the test (never skip): these tests are the proof that the gateway works on real servers.
/// </summary>
public static class Servers
{
    public static string Redis => Require("ConnectionStrings__Redis");
    public static string RedisCluster => Require("GATEWAY_REDIS_CLUSTER");
    public static string RedisSentinel => Require("GATEWAY_REDIS_SENTINEL");
    public static string RabbitMq => Require("ConnectionStrings__RabbitMq");
    private static string Script => Require("GATEWAY_INFRA_SCRIPT");

    private static string Require(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException(
                $"{name} is not set. The integration tests run against real Redis and RabbitMQ: run them with infra/test.sh, " +
                "which starts the servers and sets ConnectionStrings__Redis, ConnectionStrings__RabbitMq and GATEWAY_INFRA_SCRIPT.");
        return value;
    }

    /// <summary>
    /// A multiplexer of the test's own (admin commands allowed), for set-up and inspection: on the single Redis, or on
    /// <paramref name="connection"/> (e.g. <see cref="RedisCluster"/>).
    /// </summary>
    public static ConnectionMultiplexer ConnectRedis(string? connection = null) =>
        ConnectionMultiplexer.Connect(Gateway.Storage.Redis.RedisConnection.Options(connection ?? Redis).Apply(o => o.AllowAdmin = true));

    /// <summary>
    /// Empties the Redis database so a test starts from nothing (tests of this collection run one at a time): every
    /// primary of <paramref name="connection"/> (a cluster's three masters; a replica follows its primary).
    /// </summary>
    public static async Task FlushRedisAsync(string? connection = null)
    {
        await using var redis = ConnectRedis(connection);
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            await server.FlushDatabaseAsync();
    }

    /// <summary>An empty RabbitMQ virtual host on the running broker (no exchange, no queue: a brand-new broker), for guest.</summary>
    public static Task AddVhostAsync(string name) => RunAsync("add-vhost", name);
    public static Task DeleteVhostAsync(string name) => RunAsync("delete-vhost", name);

    /// <summary><see cref="RabbitMq"/> with its virtual host replaced by <paramref name="vhost"/>.</summary>
    public static string RabbitMqOn(string vhost) => new UriBuilder(RabbitMq) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri.ToString();

    public static Task StopAsync(string service) => RunAsync("stop", service);
    public static Task StartAsync(string service) => RunAsync("start", service);
    public static Task RestartAsync(string service) => RunAsync("restart", service);

    private static async Task RunAsync(string verb, string service)
    {
        // Output is not redirected: a server the script starts in the background would hold a redirected pipe open.
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(service);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"`bash {Script} {verb} {service}` exited with {process.ExitCode}.");
    }
}

/// <summary>Every test touching the servers belongs here: they stop and flush shared servers, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServersCollection
{
    public const string Name = "Servers";
}
