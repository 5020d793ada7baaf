namespace Gateway.Polls;

/// <summary>
/// Announces a new poll to its commune's subscribers. The seam for the alerts machinery: until it registers its own
/// implementation, <see cref="NoPollAnnouncer"/> answers that nothing was announced.
/// </summary>
public interface IPollAnnouncer
{
    /// <returns>True when an announcement was scheduled.</returns>
    Task<bool> AnnounceAsync(Poll poll, CancellationToken cancellationToken);
}

public sealed class NoPollAnnouncer : IPollAnnouncer
{
    public Task<bool> AnnounceAsync(Poll poll, CancellationToken cancellationToken) => Task.FromResult(false);
}
