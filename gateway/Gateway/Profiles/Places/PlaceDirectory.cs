using System.Collections.Frozen;
using Gateway.Communes;
using Gateway.Conversations.Ports;

namespace Gateway.Profiles.Places;

/// <summary>
/// Every commune's places as the synchronous dialog reads them (option sources are synchronous): a snapshot of
/// <see cref="IPlaceStore"/> brought up to date before each conversation step when the store's version moved
/// (<see cref="IRoutingSnapshot"/>, as the poll directory), and at once by this replica's own writes.
/// </summary>
public sealed class PlaceDirectory(IPlaceStore store, CommuneRegistry communes) : IRoutingSnapshot
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile FrozenDictionary<string, IReadOnlyList<Place>> _places = FrozenDictionary<string, IReadOnlyList<Place>>.Empty;
    private long _version = -1;

    /// <summary>The commune's places (empty when none, or the commune is unknown).</summary>
    public IReadOnlyList<Place> For(string? commune) =>
        commune is not null && _places.TryGetValue(commune.ToLowerInvariant(), out var places) ? places : [];

    /// <summary>The places the question offers: the commune's list without the retired ones.</summary>
    public IEnumerable<Place> Offered(string? commune) => For(commune).Where(p => !p.Retired);

    /// <summary>The place of this id, retired or not (a profile may still name a retired place).</summary>
    public Place? Find(string? commune, string id) => For(commune).FirstOrDefault(p => p.Id == id);

    /// <summary>
    /// The place ids every breakdown of the commune has a row for, 0 included: the places offered today (a douar nobody
    /// answered from is the gap the figures exist to show; a retired place has a row only where it has counts). Every
    /// reader of one commune's figures takes the same list, so the API, the console and the CSV suppress the same grid.
    /// </summary>
    public async Task<IReadOnlyList<string>> RowsAsync(string commune, CancellationToken cancellationToken)
    {
        await EnsureCurrentAsync(cancellationToken);
        return [.. Offered(commune).Select(p => p.Id)];
    }

    public async ValueTask EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        var version = await store.ReadVersionAsync(cancellationToken);
        if (version == Interlocked.Read(ref _version)) return;
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (version == Interlocked.Read(ref _version)) return;
            // The version first: a write landing between the two reads moves it again, and the next step reads again.
            var current = await store.ReadVersionAsync(cancellationToken);
            var places = new Dictionary<string, IReadOnlyList<Place>>(StringComparer.Ordinal);
            foreach (var commune in communes.All)
                places[commune.Id.ToLowerInvariant()] = await store.GetAsync(commune.Id, cancellationToken);
            _places = places.ToFrozenDictionary(StringComparer.Ordinal);
            Interlocked.Exchange(ref _version, current);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Writes a commune's list and takes it into this replica's snapshot at once.</summary>
    public async Task PutAsync(string commune, IReadOnlyList<Place> places, CancellationToken cancellationToken)
    {
        await store.PutAsync(commune, places, cancellationToken);
        Interlocked.Exchange(ref _version, -1); // the next step reads the store again (other communes may have moved too)
        await EnsureCurrentAsync(cancellationToken);
    }
}
