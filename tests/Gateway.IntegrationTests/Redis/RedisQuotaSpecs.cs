using Gateway.Abuse;
using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Redis;

/// <summary>
/// The inbound quota the commit script counts keeps the key, TTL and erasure of the shared counter that counted it in
/// front of the engine before, so a deployment upgraded mid-window keeps its counts and erasure still finds them.
/// </summary>
[Collection(ServersCollection.Name)]
public class RedisQuotaSpecs : IAsyncLifetime
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private IConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        await Servers.FlushRedisAsync(Redis);
        _redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task The_commit_counts_on_the_shared_counters_key_with_its_TTL_and_erasure_of_the_counters_removes_it()
    {
        var store = new RedisStore(_redis, NullLogger<RedisStore>.Instance);
        var counter = new RedisRateCounter(_redis);
        var now = DateTimeOffset.UtcNow;
        var quota = new InboundQuota(InboundLimit.Name, now.ToUnixTimeMilliseconds() / (long)Window.TotalMilliseconds, 2, Window * 2);
        const string id = "c0123456789abcdef";

        // One message counted by the counter in front of the engine (an earlier build), then this build's commits.
        await counter.HitAsync("in:" + id, RedisKeys.Tag(RedisKeys.Shard(id)), Window, now, None);
        var version = Assert.IsType<CommitOutcome.Committed>(await store.CommitAsync(Commit(id, 0, quota), None)).Version;
        Assert.Equal(3, Assert.IsType<CommitOutcome.OverQuota>(await store.CommitAsync(Commit(id, version, quota), None)).Count);

        var key = RedisKeys.Quota(id, InboundLimit.Name, quota.Window);
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, Window, Window * 2);

        // A window whose first count is the commit's own: the script sets the TTL.
        const string fresh = "cfedcba9876543210";
        Assert.IsType<CommitOutcome.Committed>(await store.CommitAsync(Commit(fresh, 0, quota), None));
        var freshTtl = await _redis.GetDatabase().KeyTimeToLiveAsync(RedisKeys.Quota(fresh, InboundLimit.Name, quota.Window));
        Assert.NotNull(freshTtl);
        Assert.InRange(freshTtl.Value, Window, Window * 2);

        // Erasure's holder of the counters (what the gateway runs for the contact) deletes it.
        var holder = new RateCounterContactData(counter, new StaticOptions(new AbuseOptions { InboundWindow = Window }), new FixedClock(now));
        await holder.ForgetAsync(id, "+212600000001", None);
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(key));
        Assert.IsType<CommitOutcome.Committed>(await store.CommitAsync(Commit(id, version, quota), None));
    }

    private static ContactCommit Commit(string id, long expected, InboundQuota quota) =>
        new(id, expected, new ContactState { ContactId = id, Phone = "+212600000001" }, [], [], null, Quota: quota);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class StaticOptions(AbuseOptions value) : IOptionsMonitor<AbuseOptions>
    {
        public AbuseOptions CurrentValue => value;
        public AbuseOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AbuseOptions, string?> listener) => null;
    }
}
