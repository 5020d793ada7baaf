using System.Diagnostics;
using Gateway.Admin;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Gateway.IntegrationTests.Bus;

/// <summary>
/// Issue 23: a replica that dies (SIGKILL, no goodbye) holding unpublished outbox entries hands all of them to the
/// replicas still running, not one batch, and they reach the bus. Two real gateways on real Redis and RabbitMQ: the
/// first, its own process, cannot reach its broker and holds every event; it is killed; the second publishes them all.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DeadReplicaHandoverSpecs(ITestOutputHelper output)
{
    /// <summary>Twenty of the survivor's batches (100): more than a first batch, fewer than make the test slow.</summary>
    private const int Events = 2_000;

    [Fact]
    public async Task A_SIGKILLed_replica_hands_every_unpublished_outbox_entry_to_the_survivor_which_publishes_them_all()
    {
        await Servers.FlushRedisAsync();
        var vhost = "handover-" + Guid.NewGuid().ToString("N")[..8];
        await Servers.AddVhostAsync(vhost);
        try
        {
            await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:FeedbackReceived", Servers.RabbitMqOn(vhost));
            // Replica A's broker is a port nothing listens on: it reads every event (one round takes them all) and holds them.
            await using var doomed = await StartReplicaAsync($"amqp://guest:guest@127.0.0.1:{ServerProcess.FreePort()}/");
            await using var redis = Servers.ConnectRedis();
            var ids = await CommitEventsAsync(redis);
            var holder = await Wait.ForAsync(() => HoldersAsync(redis), h => h.Values.Sum() == Events, $"replica A to hold all {Events} events", seconds: 120);
            var doomedConsumer = Assert.Single(holder).Key;

            // Replica B, on the real broker, running before A dies (as a survivor would be).
            await using var survivor = new IntegrationGatewayApplication().With("ConnectionStrings:RabbitMq", Servers.RabbitMqOn(vhost));
            await Readiness.BusHealthyAsync(survivor.CreateClient());

            var sinceDeath = Stopwatch.StartNew();
            doomed.Process.Kill();
            await doomed.Process.WaitForExitAsync();

            var published = await Wait.ForAsync(() => HoldersAsync(redis), h => h.Count == 0, "the survivor to take over and publish every entry", seconds: 120);
            var drained = sinceDeath.Elapsed;
            var received = await queue.DrainAsync();
            var distinct = received.Select(m => m.MessageId).ToHashSet();
            output.WriteLine($"{Events} entries held by the killed replica ({doomedConsumer}): all confirmed by the broker {drained.TotalSeconds:0.0} s after its death; {received.Count} messages read ({received.Count - distinct.Count} duplicates)");
            Assert.Empty(published);
            Assert.True(ids.SetEquals(distinct), $"{ids.Except(distinct).Count()} of {Events} events never reached the bus");
            Assert.Equal(0, await BacklogAsync(redis));
        }
        finally
        {
            await Servers.DeleteVhostAsync(vhost);
        }
    }

    private static async Task<HashSet<Guid>> CommitEventsAsync(ConnectionMultiplexer redis)
    {
        Conversations.Ports.IContactStore store = new RedisStore(redis, NullLogger<RedisStore>.Instance);
        var ids = new HashSet<Guid>();
        for (var i = 0; i < Events; i += 50)
        {
            var commits = Enumerable.Range(i, 50).Select(n => Commits.CommitFeedbackAsync(store, $"c-handover-{n}", $"R-{n:D4}"));
            ids.UnionWith(await Task.WhenAll(commits));
        }
        return ids;
    }

    /// <summary>Per relay (consumer of the group), the outbox entries delivered to it and not yet acknowledged.</summary>
    private static async Task<Dictionary<string, long>> HoldersAsync(ConnectionMultiplexer redis)
    {
        var db = redis.GetDatabase();
        var pending = await Task.WhenAll(Enumerable.Range(0, RedisKeys.ShardCount).Select(s => db.StreamPendingAsync(RedisKeys.Outbox(s), RedisKeys.RelayGroup)));
        return pending.SelectMany(p => p.Consumers).Where(c => c.PendingMessageCount > 0)
            .GroupBy(c => (string)c.Name!).ToDictionary(g => g.Key, g => g.Sum(c => (long)c.PendingMessageCount));
    }

    private static async Task<long> BacklogAsync(ConnectionMultiplexer redis)
    {
        var db = redis.GetDatabase();
        var lengths = await Task.WhenAll(Enumerable.Range(0, RedisKeys.ShardCount).Select(s => db.StreamLengthAsync(RedisKeys.Outbox(s))));
        return lengths.Sum();
    }

    /// <summary>The gateway's own build in its own process (Production), so it can be SIGKILLed as a crash would.</summary>
    private static Task<ServerProcess> StartReplicaAsync(string rabbitMq)
    {
        var port = ServerProcess.FreePort();
        var directory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DataProtection__AllowUnprotectedKeys"] = "true", // a test Redis, flushed by the next test
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Redis"] = Servers.Redis,
            ["ConnectionStrings__RabbitMq"] = rabbitMq,
            ["Gateway__PseudonymKey"] = "handover-spec-pseudonym-key-0123456789abcdef",
            ["Admin__ApiKeys__0__Name"] = "programme",
            ["Admin__ApiKeys__0__Hash"] = AdminKeys.HashText("handover-spec-admin-key-0123456789abcdef"),
            ["Ussd__AfricasTalking__Enabled"] = "false",
            ["Ussd__Arkesel__Enabled"] = "false",
            // One round reads every event: the replica holds them all when it dies.
            ["Outbox__BatchSize"] = "5000",
        };
        return ServerProcess.StartAsync("handover", Path.Combine(directory, "Gateway.dll"), [], directory, port, environment, "/health/ready");
    }
}
