using Gateway.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Storage;

/// <summary>The store contract on the embedded default.</summary>
public sealed class InMemoryStoreContractSpecs : ContactStoreContract
{
    protected override Task<StoreUnderTest> CreateStoreAsync()
    {
        var store = new InMemoryStore(new FakeTimeProvider(DateTimeOffset.UtcNow));
        return Task.FromResult(new StoreUnderTest(store, store, store, store));
    }
}
