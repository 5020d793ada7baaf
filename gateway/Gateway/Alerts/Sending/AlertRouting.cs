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

    /// <param name="From">Our number the contact last wrote to, when the same provider sends.</param>
    public sealed record Route(ChannelKind Channel, string Provider, string? From);

    /// <summary>Why the contact gets nothing, or null: the index may be stale, the contact's state is the truth.</summary>
    public static string? SkipReason(ContactState? contact, string commune, string topic)
    {
        if (contact is null) return SkipUnknown;
        if (contact.OptedOut) return SkipOptedOut;
        if (!contact.Topics.Contains(topic) || !string.Equals(contact.Commune, commune, StringComparison.OrdinalIgnoreCase)) return SkipUnsubscribed;
        return null;
    }

    /// <summary>The contact's language if the alert has it, else the commune's default, else French, else any text the alert has.</summary>
    public static string PickLanguage(IReadOnlyDictionary<string, string> texts, string? contactLanguage, string? communeDefault)
    {
        foreach (var language in Languages.Chain(contactLanguage, communeDefault, null))
            if (texts.ContainsKey(language)) return language;
        return texts.Keys.Order(StringComparer.Ordinal).First();
    }

    /// <summary>
    /// The contact's own channel and provider (USSD cannot push: SMS instead); a preferred channel wins when the contact uses it,
    /// or when it is SMS and an SMS provider is configured (any phone takes an SMS). Null when nothing can reach the contact.
    /// </summary>
    public static Route? RouteFor(ContactState contact, string? preferredChannel, IReadOnlyDictionary<string, string> providers)
    {
        Route? Via(ChannelKind channel)
        {
            if (channel == contact.LastChannel && contact.LastProvider is { Length: > 0 } own) return new Route(channel, own, contact.LastTo);
            return providers.TryGetValue(channel.ToWire(), out var provider) && provider.Length > 0 ? new Route(channel, provider, null) : null;
        }

        if (ChannelKindNames.TryParse(preferredChannel, out var preferred) && preferred != ChannelKind.Ussd)
        {
            if (preferred == contact.LastChannel || preferred == ChannelKind.Sms)
                if (Via(preferred) is { } route) return route;
        }
        return Via(contact.LastChannel == ChannelKind.Ussd ? ChannelKind.Sms : contact.LastChannel);
    }
}
