using Gateway.Admin.Accounts;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage.Redis;
using Gateway.Tests.Accounts;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Admin;

/// <summary>The staff accounts' store contract (shared with the embedded default's tests) on a real Redis.</summary>
[Collection(ServersCollection.Name)]
public class RedisStaffAccountsSpecs : StaffAccountsContract, IAsyncLifetime
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private IConnectionMultiplexer? _redis;

    protected override async Task<IStaffAccounts> CreateStoreAsync()
    {
        await Servers.FlushRedisAsync(Redis);
        _redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
        return new RedisStaffAccounts(_redis);
    }

    [Fact]
    public async Task A_failure_count_expires_with_its_window()
    {
        var store = await CreateStoreAsync();

        await store.CountFailureAsync("ip:192.0.2.9", 7, TimeSpan.FromMinutes(15), CancellationToken.None);

        var ttl = await _redis!.GetDatabase().KeyTimeToLiveAsync(RedisStaffAccounts.Failures("ip:192.0.2.9", 7));
        Assert.InRange(ttl!.Value.TotalSeconds, 800, 900);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
