using System.Collections.Concurrent;

namespace Gateway.Profiles.Census;

/// <summary>The embedded default: shares in this process.</summary>
public sealed class InMemoryCensusStore : ICensusStore
{
    private readonly ConcurrentDictionary<string, CensusShares> _shares = new(StringComparer.OrdinalIgnoreCase);

    public Task<CensusShares> GetAsync(string commune, CancellationToken cancellationToken) =>
        Task.FromResult(_shares.GetValueOrDefault(commune) ?? CensusShares.None);

    public Task PutAsync(string commune, CensusShares shares, CancellationToken cancellationToken)
    {
        _shares[commune] = shares;
        return Task.CompletedTask;
    }
}
