using Gateway.Conversations;

namespace Gateway.Alerts.Sending;

/// <summary>Where and in which language one contact gets an alert; shared by the fan-out and the preview so both agree.</summary>
public static class AlertRouting
{
    public const string SkipUnknown = "unknown_contact";
    public const string SkipOptedOut = "opted_out";
    public const string SkipUnsubscribed = "unsubscribed";
    public const string SkipNoChannel = "no_channel";
    public const string SkipDailyCap = "daily_cap";
    public const string SkipCancelled = "cancelled";
    public const string SkipOutsideSegment = "outside_segment";

    /// <summary>Why the contact gets nothing, or null: the index may be stale, the contact's state is the truth.</summary>
    public static string? SkipReason(ContactState? contact, string commune, string topic, Profiles.Segments.SegmentFilter? segment = null)
    {
        if (contact is null) return SkipUnknown;
        if (contact.OptedOut) return SkipOptedOut;
        if (!contact.Topics.Contains(topic) || !string.Equals(contact.Commune, commune, StringComparison.OrdinalIgnoreCase)) return SkipUnsubscribed;
        if (segment is not null && !segment.Matches(contact.Profile)) return SkipOutsideSegment;
        return null;
    }

    /// <summary>
    /// Whether the contact gets the alert and by which route: the one selection the preview, the segment's size check and
    /// the fan-out all make, so the recipients counted before sending are those sent to (the daily cap aside: it depends on
    /// the day's other alerts).
    /// </summary>
    public static (string? Reason, Outbound.OutboundRoute? Route) Select(Outbound.OutboundRouter router, ContactState? contact, string commune, string topic,
        string? channel, Profiles.Segments.SegmentFilter? segment)
    {
        var reason = SkipReason(contact, commune, topic, segment);
        var route = reason is null ? RouteFor(router, contact!, channel) : null;
        return (reason ?? (route is null ? SkipNoChannel : null), route);
    }

    /// <summary>The contact's language if the alert has it, else the commune's default, else French, else any text the alert has.</summary>
    public static string PickLanguage(IReadOnlyDictionary<string, string> texts, string? contactLanguage, string? communeDefault)
    {
        foreach (var language in Languages.Chain(contactLanguage, communeDefault, null))
            if (texts.ContainsKey(language)) return language;
        return texts.Keys.Order(StringComparer.Ordinal).First();
    }

    /// <summary>
    /// The route of an alert to the contact, from the one outbound router (<see cref="Outbound.OutboundRouter"/>): the
    /// alert's channel when the contact uses it or it is SMS, else their own (USSD → SMS). Null when nothing reaches them.
    /// </summary>
    public static Outbound.OutboundRoute? RouteFor(Outbound.OutboundRouter router, ContactState contact, string? preferredChannel) =>
        router.Route(contact, ChannelKindNames.TryParse(preferredChannel, out var preferred) ? preferred : null) is Outbound.RouteDecision.Routed routed
            ? routed.Route
            : null;
}
