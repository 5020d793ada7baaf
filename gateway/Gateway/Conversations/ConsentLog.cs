namespace Gateway.Conversations;

/// <summary>
/// One opt-in or opt-out, kept so that a commune can prove a contact's consent (law 09-08; README "Data protection").
/// </summary>
/// <param name="Action"><see cref="ConsentLog.OptIn"/> or <see cref="ConsentLog.OptOut"/>.</param>
/// <param name="Channel">Where it came from: <c>sms</c>, <c>ussd</c>, <c>whatsapp</c>, <c>import</c> or <c>provider</c>.</param>
/// <param name="Source">What caused it: <c>keyword</c> (STOP/START), <c>flow</c> (a menu choice), <c>provider</c>
/// (an unsubscribe signal such as Twilio 21610) or <c>import</c> (a commune's list).</param>
/// <param name="Topic">Null for everything (STOP/START); a topic such as <c>meetings</c> for one subscription.</param>
public sealed record ConsentEntry(DateTimeOffset At, string Action, string Channel, string Source, string? Topic);

/// <summary>
/// Writes the consent log into the contact's own state, so that it is committed with the change it records and erased
/// with the contact.
/// </summary>
public static class ConsentLog
{
    public const string OptIn = "opt-in";
    public const string OptOut = "opt-out";

    /// <summary>Entries kept per contact; the oldest go first. Bounded because the state is read on every step.</summary>
    public const int MaxEntries = 50;

    public static void Record(ContactState contact, DateTimeOffset at, string action, string channel, string source, string? topic)
    {
        contact.Consent.Add(new ConsentEntry(at, action, channel, source, topic));
        if (contact.Consent.Count > MaxEntries) contact.Consent.RemoveRange(0, contact.Consent.Count - MaxEntries);
    }

    /// <summary>The channel to record for a step: a provider's signal is not something the contact sent on a channel.</summary>
    public static string ChannelOf(StepContext step, string source) =>
        source == "provider" ? "provider" : step.Message.Channel.ToWire();
}
