using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage.Redis;
using Gateway.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Redis;

/// <summary>The store contract (shared with the in-memory store's tests) on a real Redis.</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisStoreContractSpecs : ContactStoreContract, IAsyncLifetime
{
    private IConnectionMultiplexer? _redis;

    protected override async Task<StoreUnderTest> CreateStoreAsync()
    {
        await Servers.FlushRedisAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Servers.Redis));
        var store = new RedisStore(_redis, NullLogger<RedisStore>.Instance);
        return new StoreUnderTest(store, store, store, store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
