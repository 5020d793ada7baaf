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
    public async Task<bool> HasAtLeastAsync(ComposedAlert alert, int wanted, CancellationToken cancellationToken)
    {
        if (alert.Segment is null) return true;
        var filter = For(alert.Segment, alert.SendAt);
        var found = 0;
        await foreach (var page in audience.StreamAsync(alert.Commune, alert.Topic, PageSize, cancellationToken))
        {
            var states = await Task.WhenAll(page.Select(id => contacts.GetAsync(id, cancellationToken)));
            foreach (var stored in states)
                if (AlertRouting.Select(router, stored?.State, alert.Commune, alert.Topic, alert.Channel, filter).Reason is null && ++found >= wanted)
                    return true;
        }
        return false;
    }
}
