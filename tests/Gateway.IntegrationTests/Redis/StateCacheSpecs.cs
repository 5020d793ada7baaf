using Gateway.Conversations;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Gateway.Conversations.Ports;

namespace Gateway.IntegrationTests.Redis;

/// <summary>
/// Each replica keeps its last copy of recent contacts' states (<see cref="ContactStateCache"/>) to skip a read per step.
/// These prove that a stale copy never wins: another replica's commit, or an erasure there, is never overwritten.
/// </summary>
[Collection(ServersCollection.Name)]
public class StateCacheSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_step_decided_on_a_stale_cached_state_is_refused_and_gets_the_other_replicas_state()
    {
        await Servers.FlushRedisAsync(Redis);
        var (a, b, connections) = await TwoReplicasAsync();
        await using var _ = connections;
        const string id = "c-cache-stale";

        var first = Committed(await a.CommitAsync(Commit(id, 0, State(id, "fr")), None));
        var second = Committed(await b.CommitAsync(Commit(id, first, State(id, "ar")), None));

        // Replica A still holds its own copy: that is what the cache is for...
        var cached = await a.GetForStepAsync(id, None);
        Assert.Equal(first, cached!.Version);
        // ...but never for a plain read (consent checks, displays), which sees B's commit.
        Assert.Equal("ar", (await a.GetAsync(id, None))!.State.Language);

        var refused = Assert.IsType<CommitOutcome.Conflict>(await a.CommitAsync(Commit(id, cached.Version, State(id, "zgh")), None));
        Assert.Equal(second, refused.Current!.Version);
        Assert.Equal("ar", refused.Current.State.Language);
        Assert.Equal("ar", (await b.GetAsync(id, None))!.State.Language);

        // Deciding again on what the refusal handed back commits, and A's cache now follows.
        var third = Committed(await a.CommitAsync(Commit(id, refused.Current.Version, State(id, "zgh")), None));
        Assert.Equal(second + 1, third);
        Assert.Equal(third, (await a.GetForStepAsync(id, None))!.Version);
    }

    [Fact]
    public async Task A_contact_erased_on_another_replica_is_not_brought_back_by_a_stale_cached_state()
    {
        await Servers.FlushRedisAsync(Redis);
        var (a, b, connections) = await TwoReplicasAsync();
        await using var _ = connections;
        const string id = "c-cache-erased";

        var before = Committed(await a.CommitAsync(Commit(id, 0, State(id, "fr", phone: "+212600000077")), None));
        Assert.True(await b.EraseAsync(id, None));
        // The contact writes again through B: a new contact, created from scratch.
        Committed(await b.CommitAsync(Commit(id, 0, State(id, "ar", phone: "+212600000077")), None));

        var stale = await a.GetForStepAsync(id, None);
        Assert.Equal(before, stale!.Version);
        var refused = Assert.IsType<CommitOutcome.Conflict>(await a.CommitAsync(Commit(id, stale.Version, stale.State), None));
        Assert.Equal("ar", refused.Current!.State.Language);
        Assert.Equal("ar", (await b.GetAsync(id, None))!.State.Language);
    }

    private async Task<(RedisStore A, RedisStore B, Connections Connections)> TwoReplicasAsync()
    {
        var redisA = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
        var redisB = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
        return (new RedisStore(redisA, NullLogger<RedisStore>.Instance), new RedisStore(redisB, NullLogger<RedisStore>.Instance), new Connections(redisA, redisB));
    }

    private static long Committed(CommitOutcome outcome) => Assert.IsType<CommitOutcome.Committed>(outcome).Version;

    private static ContactCommit Commit(string id, long expected, ContactState state) => new(id, expected, state, [], [], null);

    private static ContactState State(string id, string language, string phone = "+212600000001") =>
        new() { ContactId = id, Phone = phone, Language = language, CreatedAt = DateTimeOffset.UtcNow };

    private sealed class Connections(params ConnectionMultiplexer[] all) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var connection in all) await connection.DisposeAsync();
        }
    }
}
