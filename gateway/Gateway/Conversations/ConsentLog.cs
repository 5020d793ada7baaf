using System.Text.Json.Serialization;

namespace Gateway.Conversations;

/// <summary>
/// One opt-in or opt-out, kept so that a commune can prove a contact's consent (law 09-08; README "Data protection").
/// </summary>
/// <param name="Action"><see cref="ConsentLog.OptIn"/> or <see cref="ConsentLog.OptOut"/>; for the profile,
/// <see cref="ConsentLog.ProfileConsent"/>, <see cref="ConsentLog.ProfileChange"/>, <see cref="ConsentLog.ProfileErased"/>.</param>
/// <param name="Channel">Where it came from: <c>sms</c>, <c>ussd</c>, <c>whatsapp</c>, <c>import</c> or <c>provider</c>.</param>
/// <param name="Source">What caused it: <c>keyword</c> (STOP/START), <c>flow</c> (a menu choice), <c>provider</c>
/// (an unsubscribe signal such as Twilio 21610) or <c>import</c> (a commune's list).</param>
/// <param name="Topic">Null for everything (STOP/START); a topic such as <c>meetings</c> for one subscription.</param>
/// <param name="Simulated">Sent through the simulator, not by the citizen's phone. It changed the consent only of a phone the
/// simulator alone had used (<see cref="ContactState.SimulatorOnly"/>); for anyone else it is the trace of an attempt that
/// changed nothing. Written only when true (older entries, and every real one, read false).</param>
public sealed record ConsentEntry(
    DateTimeOffset At, string Action, string Channel, string Source, string? Topic,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Simulated = false);

/// <summary>
/// Writes the consent log into the contact's own state, so that it is committed with the change it records and erased
/// with the contact. The simulator speaks as any number, so what it sends never changes a real contact's consent
/// (<see cref="Applies"/>): it is logged, marked simulated, and nothing else happens.
/// </summary>
public static class ConsentLog
{
    public const string OptIn = "opt-in";
    public const string OptOut = "opt-out";

    /// <summary>The first profile answer, given after the consent sentence (issue 24).</summary>
    public const string ProfileConsent = "profile-consent";

    /// <summary>A profile answer given or changed; the entry's topic names which (<c>gender</c>, <c>age</c>, <c>place</c>).</summary>
    public const string ProfileChange = "profile-change";

    /// <summary>The citizen erased their profile (PROFIL, then erase).</summary>
    public const string ProfileErased = "profile-erase";

    /// <summary>Entries kept per contact; the oldest go first. Bounded because the state is read on every step.</summary>
    public const int MaxEntries = 50;

    public static void Record(ContactState contact, DateTimeOffset at, string action, string channel, string source, string? topic, bool simulated = false)
    {
        contact.Consent.Add(new ConsentEntry(at, action, channel, source, topic, simulated));
        while (contact.Consent.Count > MaxEntries)
        {
            // Simulated entries go first: a simulator repeating STOP must not push the citizen's own proof out of the log.
            var oldestSimulated = contact.Consent.FindIndex(e => e.Simulated);
            contact.Consent.RemoveAt(oldestSimulated >= 0 ? oldestSimulated : 0);
        }
    }

    /// <summary>
    /// Whether the consent change this step asks for (STOP, START, a subscription) may change the contact: always, unless
    /// the simulator sent it for a contact it does not own alone (one a provider's message or an import brought).
    /// </summary>
    public static bool Applies(StepContext step) => !step.Message.Simulated || step.Contact.SimulatorOnly;

    /// <summary>The channel to record for a step: a provider's signal is not something the contact sent on a channel.</summary>
    public static string ChannelOf(StepContext step, string source) =>
        source == "provider" ? "provider" : step.Message.Channel.ToWire();
}
