using Gateway.Conversations;

namespace Gateway.Outbound;

/// <summary>
/// WhatsApp's customer-service window: a free-form message is delivered only within 24 h of the contact's last
/// message; after that only an approved template goes out. One rule for replies, bus commands and alerts.
/// </summary>
public static class WhatsAppWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>Whether a free-form message sent <paramref name="now"/> answers a message received at <paramref name="lastInbound"/> in time.</summary>
    public static bool IsOpen(DateTimeOffset lastInbound, DateTimeOffset now) => now - lastInbound < Length;

    /// <summary>Whether <paramref name="contact"/> may get a free-form message on <paramref name="channel"/> now (always, off WhatsApp).</summary>
    public static bool AllowsFreeForm(ContactState contact, ChannelKind channel, DateTimeOffset now) =>
        channel != ChannelKind.WhatsApp
        || (contact.LastInboundAt.TryGetValue(ChannelKind.WhatsApp, out var last) && IsOpen(last, now));
}
