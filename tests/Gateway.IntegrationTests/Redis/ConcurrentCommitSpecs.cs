using Gateway.Conversations;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.IntegrationTests.Redis;

[Collection(ServersCollection.Name)]
public class ConcurrentCommitSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Fifty_concurrent_steps_on_one_contact_from_two_gateways_each_count_exactly_once()
    {
        await Servers.FlushRedisAsync(Redis);
        // Two gateway replicas: two multiplexers, two stores, one Redis.
        await using var redisA = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
        await using var redisB = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
        IContactStore[] replicas = [new RedisStore(redisA, NullLogger<RedisStore>.Instance), new RedisStore(redisB, NullLogger<RedisStore>.Instance)];
        const string contact = "c-concurrent";
        var conflicts = 0;
        var versions = new System.Collections.Concurrent.ConcurrentBag<long>();

        // Each step as the engine runs it: read (maybe this replica's cached copy), decide (count + 1), commit expecting
        // that version; on a lost race, decide again on the state the refused commit handed back.
        var steps = Enumerable.Range(1, 50).Select(step => Task.Run(async () =>
        {
            var store = replicas[step % 2];
            var current = await store.GetForStepAsync(contact, None);
            while (true)
            {
                var state = current?.State ?? new ContactState { ContactId = contact, Phone = "+212600000009", CreatedAt = DateTimeOffset.UtcNow };
                state.PollVotes["count"] = state.PollVotes.GetValueOrDefault("count") + 1;
                var commit = new ContactCommit(contact, current?.Version ?? 0, state,
                    [new OutboxEvent(Guid.NewGuid(), "PollVoteRecorded", System.Text.Json.JsonDocument.Parse("{}").RootElement, DateTimeOffset.UtcNow)],
                    [new CounterIncrement("poll:concurrent", "option:1", 1)],
                    new ProcessedMessage("SM" + step, new StepResult([], false, contact)));
                switch (await store.CommitAsync(commit, None))
                {
                    case CommitOutcome.Committed committed:
                        versions.Add(committed.Version);
                        return;
                    case CommitOutcome.Conflict conflict:
                        current = conflict.Current;
                        Interlocked.Increment(ref conflicts);
                        break;
                    default:
                        Assert.Fail("a message id was taken for processed before its step committed");
                        return;
                }
            }
        })).ToArray();
        await Task.WhenAll(steps);

        var stored = await replicas[0].GetAsync(contact, None);
        // 50 commits, each one version after another: none lost, none applied twice on the same version.
        var ordered = versions.Order().ToList();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => ordered[0] + i), ordered);
        Assert.Equal(ordered[^1], stored!.Version);
        Assert.Equal(50, stored.State.PollVotes["count"]);
        Assert.Equal(50, (await ((ICounterStore)replicas[1]).ReadAsync("poll:concurrent", None))["option:1"]);
        Assert.Equal(50, await ((IOutboxStore)replicas[0]).BacklogAsync(None));
        for (var step = 1; step <= 50; step++)
            Assert.NotNull(await replicas[step % 2].GetProcessedAsync(contact, "SM" + step, None));
        // The race really happened (otherwise this test proves nothing about concurrency).
        Assert.True(conflicts > 0, "no commit ever lost a race");
    }
}
