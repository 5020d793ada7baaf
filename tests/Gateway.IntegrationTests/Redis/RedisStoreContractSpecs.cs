using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage.Redis;
using Gateway.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Redis;

/// <summary>The store contract (shared with the in-memory store's tests) on a real Redis.</summary>
[Collection(ServersCollection.Name)]
public class RedisStoreContractSpecs : ContactStoreContract, IAsyncLifetime
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private IConnectionMultiplexer? _redis;

    protected override async Task<StoreUnderTest> CreateStoreAsync()
    {
        await Servers.FlushRedisAsync(Redis);
        _redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Redis));
        var store = new RedisStore(_redis, NullLogger<RedisStore>.Instance);
        return new StoreUnderTest(store, store, store, store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
