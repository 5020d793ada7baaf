using Gateway.Profiles.Segments;

namespace Gateway.Polls;

/// <summary>
/// Announces a new poll to its commune's subscribers. The seam for the alerts machinery: until it registers its own
/// implementation, <see cref="NoPollAnnouncer"/> answers that nothing was announced.
/// </summary>
public interface IPollAnnouncer
{
    /// <param name="segment">Only the subscribers whose profile is in it (checked first with <see cref="CheckSegmentAsync"/>); null = all.</param>
    /// <returns>True when an announcement was scheduled.</returns>
    Task<bool> AnnounceAsync(Poll poll, CancellationToken cancellationToken, AudienceSegment? segment = null);

    /// <summary>
    /// The problems of inviting only <paramref name="segment"/> to a poll of <paramref name="commune"/> opening at
    /// <paramref name="opensAt"/> (unknown values, fewer recipients than the suppression threshold), by field; empty when fine.
    /// Asked before the poll is created, so that a refused invitation creates no poll.
    /// </summary>
    Task<Dictionary<string, string[]>> CheckSegmentAsync(string commune, DateTimeOffset opensAt, AudienceSegment segment, CancellationToken cancellationToken);
}

public sealed class NoPollAnnouncer : IPollAnnouncer
{
    public Task<bool> AnnounceAsync(Poll poll, CancellationToken cancellationToken, AudienceSegment? segment = null) => Task.FromResult(false);

    public Task<Dictionary<string, string[]>> CheckSegmentAsync(string commune, DateTimeOffset opensAt, AudienceSegment segment, CancellationToken cancellationToken) =>
        Task.FromResult(new Dictionary<string, string[]>());
}
