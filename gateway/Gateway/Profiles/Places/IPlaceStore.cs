namespace Gateway.Profiles.Places;

/// <summary>
/// Each commune's list of places (quartiers, douars). Not personal data. Every write moves <see cref="ReadVersionAsync"/>,
/// so each replica's <see cref="PlaceDirectory"/> sees a change before its next conversation step.
/// </summary>
public interface IPlaceStore
{
    Task<long> ReadVersionAsync(CancellationToken cancellationToken);

    /// <summary>The commune's places in the order staff gave them (empty when none).</summary>
    Task<IReadOnlyList<Place>> GetAsync(string commune, CancellationToken cancellationToken);

    /// <summary>Replaces the commune's list.</summary>
    Task PutAsync(string commune, IReadOnlyList<Place> places, CancellationToken cancellationToken);
}
