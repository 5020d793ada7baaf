using Gateway.Alerts.Compose;
using Gateway.Contacts;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Gateway.Profiles.Segments;
using Microsoft.Extensions.Options;

namespace Gateway.Alerts.Sending;

/// <summary>
/// Segments of alerts and poll invitations (issue 24): the filter the preview and the fan-out share, and the size check
/// that refuses a segment under <c>Profiles:SuppressionThreshold</c> (no messaging one identifiable person by their profile).
/// </summary>
public sealed class AlertSegments(IAudienceStore audience, IContactStore contacts, Outbound.OutboundRouter router, IOptions<ProfilesOptions> profiles)
{
    private const int PageSize = 500;

    public int Threshold => profiles.Value.SuppressionThreshold;

    /// <summary>The filter of an alert sent at <paramref name="sendAt"/> (ages are reached in that year); null without a segment.</summary>
    public SegmentFilter? For(AudienceSegment? segment, DateTimeOffset sendAt) =>
        segment is null ? null : new SegmentFilter(segment, profiles.Value.Bands(), SegmentFilter.YearOf(sendAt));

    /// <summary>The sentence saying why an alert's segment cannot be targeted, or null (no segment, or large enough).</summary>
    public async Task<string?> RefusalAsync(ComposedAlert alert, CancellationToken cancellationToken) =>
        await HasAtLeastAsync(alert, Threshold, cancellationToken) ? null : TooSmall(Threshold);

    /// <summary>
    /// The sentence a refused segment answers, in the API and the console: it says "fewer than n", never how many, so that
    /// the refusal itself does not count a small group.
    /// </summary>
    public static string TooSmall(int threshold) =>
        $"This segment has fewer than {threshold} people; sending to it could single someone out. Widen it (more genders, age bands or places).";

    /// <summary>
    /// Whether at least <paramref name="wanted"/> contacts would receive the alert, counted with the fan-out's own selection.
    /// It stops as soon as it has them, so a large segment costs a page or two; only a small one reads the whole audience,
    /// page by page (never all of it in memory).
    /// </summary>
    public Task<bool> HasAtLeastAsync(ComposedAlert alert, int wanted, CancellationToken cancellationToken) =>
        HasAtLeastAsync(alert.Commune, alert.Topic, alert.Channel, alert.Segment, alert.SendAt, wanted, cancellationToken);

    /// <summary>
    /// Whether a stored alert's segment still holds at least the threshold at its send time: people leave a segment (they
    /// unsubscribe, change or erase their profile) between the preview and the send, and a segment checked only when the
    /// alert was written could reach one identifiable person hours later.
    /// </summary>
    public Task<bool> StillLargeEnoughAsync(AlertDefinition alert, CancellationToken cancellationToken) =>
        HasAtLeastAsync(alert.Commune, alert.Topic, alert.Channel, alert.Segment, alert.SendAt, Threshold, cancellationToken);

    private async Task<bool> HasAtLeastAsync(string commune, string topic, string? channel, AudienceSegment? segment, DateTimeOffset sendAt,
        int wanted, CancellationToken cancellationToken)
    {
        if (segment is null) return true;
        var filter = For(segment, sendAt);
        var found = 0;
        await foreach (var page in audience.StreamAsync(commune, topic, PageSize, cancellationToken))
        {
            var states = await Task.WhenAll(page.Select(id => contacts.GetAsync(id, cancellationToken)));
            foreach (var stored in states)
                if (AlertRouting.Select(router, stored?.State, commune, topic, channel, filter).Reason is null && ++found >= wanted)
                    return true;
        }
        return false;
    }
}
