using Gateway.Contracts;

namespace Gateway.Webhooks;

/// <summary>
/// The events a partner may subscribe to: the bus's events, by their contract record's name, and the commune each
/// belongs to (a commune's subscription receives exactly its commune's events).
/// </summary>
public static class WebhookEvents
{
    public static readonly IReadOnlyList<string> Names =
    [
        nameof(FeedbackReceived), nameof(FeedbackStatusChanged), nameof(PollVoteRecorded), nameof(PollClosed),
        nameof(ContactOptedOut), nameof(ContactOptedIn), nameof(ContactErased), nameof(AlertCompleted), nameof(MessageStatusChanged),
    ];

    private static readonly HashSet<string> Known = new(Names, StringComparer.Ordinal);

    public static bool IsKnown(string name) => Known.Contains(name);

    /// <summary>
    /// The commune of an event, when the event names one. <see cref="ContactErased"/> names none and goes to every
    /// subscription that asked for it, whatever its commune: it carries only a pseudonymous id, and any partner that
    /// received data under that id must be able to erase it. <see cref="MessageStatusChanged"/> is an alert's when it
    /// carries an alert id (<see cref="WebhookFanOut"/> looks the alert up).
    /// </summary>
    public static string? CommuneOf(object message) => message switch
    {
        FeedbackReceived e => e.Commune,
        FeedbackStatusChanged e => e.Commune,
        PollVoteRecorded e => e.Commune,
        PollClosed e => e.Commune,
        ContactOptedOut e => e.Commune,
        ContactOptedIn e => e.Commune,
        AlertCompleted e => e.Commune,
        _ => null,
    };
}
