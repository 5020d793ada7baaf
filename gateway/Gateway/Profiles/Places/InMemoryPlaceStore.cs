using System.Collections.Concurrent;
using Gateway.Communes;

namespace Gateway.Profiles.Places;

/// <summary>The embedded default: places in this process, seeded with a few examples for the sample communes (<see cref="SamplePlaces"/>).</summary>
public sealed class InMemoryPlaceStore : IPlaceStore
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<Place>> _places = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public InMemoryPlaceStore(CommuneRegistry communes)
    {
        foreach (var commune in communes.All)
            if (SamplePlaces.For(commune.Id) is { Count: > 0 } sample) _places[commune.Id] = sample;
    }

    public Task<long> ReadVersionAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Read(ref _version));

    public Task<IReadOnlyList<Place>> GetAsync(string commune, CancellationToken cancellationToken) =>
        Task.FromResult(_places.GetValueOrDefault(commune) ?? []);

    public Task PutAsync(string commune, IReadOnlyList<Place> places, CancellationToken cancellationToken)
    {
        _places[commune] = [.. places];
        Interlocked.Increment(ref _version);
        return Task.CompletedTask;
    }
}
