namespace Gateway.Profiles.Census;

/// <summary>Each commune's census shares (<see cref="CensusShares"/>). Not personal data.</summary>
public interface ICensusStore
{
    /// <summary>The commune's shares, <see cref="CensusShares.None"/> when none were entered.</summary>
    Task<CensusShares> GetAsync(string commune, CancellationToken cancellationToken);

    Task PutAsync(string commune, CensusShares shares, CancellationToken cancellationToken);
}
