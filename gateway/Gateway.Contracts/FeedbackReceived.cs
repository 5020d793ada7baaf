namespace Gateway.Contracts;

/// <summary>
/// A report reached the feedback desk: a citizen finished the feedback conversation (<see cref="Source"/>
/// <c>conversation</c>), or a web form or call centre filed it through Open311 (<c>open311</c>). Published once per report (v1).
/// The contact is pseudonymous; the phone number never travels on the bus with feedback.
/// </summary>
/// <param name="Reference">Human reference given back to the citizen, e.g. <c>R-4F7K</c>.</param>
/// <param name="ContactId">Pseudonymous contact id (keyed hash of the phone number); null when no citizen's phone is behind the
/// report (<see cref="Source"/> <c>open311</c>). v1 sent an empty string there; null since the contract said what is true.</param>
/// <param name="Commune">Commune id, or null when the contact never chose one.</param>
/// <param name="Category">roads, water, lighting, waste, safety or other.</param>
/// <param name="Text">What the citizen wrote, as received (normalised whitespace only).</param>
/// <param name="Place">Neighbourhood or douar, when given.</param>
/// <param name="Channel">sms, ussd or whatsapp for a conversation; open311 for a report filed through Open311.</param>
/// <param name="Language">Language of the conversation (ar, fr, zgh, zgh-Latn).</param>
/// <param name="ReceivedAt">When the last answer arrived.</param>
public sealed record FeedbackReceived(
    string Reference,
    string? ContactId,
    string? Commune,
    string Category,
    string Text,
    string? Place,
    string Channel,
    string Language,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Contract version; bumped on breaking change (a new type name is used instead).</summary>
    public int Version { get; init; } = 1;

    /// <summary>
    /// True when the message came through the gateway's simulator (provider <c>simulator</c>), not from a citizen's phone:
    /// consumers keep such traffic apart from real figures. Added in v1 as an optional property (absent reads as false).
    /// </summary>
    public bool Simulated { get; init; }

    /// <summary>
    /// Where the report came from: <c>conversation</c> (a citizen's SMS, USSD or WhatsApp conversation, with a contact id) or
    /// <c>open311</c> (filed through Open311 by a web form or a call centre: no contact id). Added in v1 as an optional
    /// property (absent reads as <c>conversation</c>).
    /// </summary>
    public string Source { get; init; } = Sources.Conversation;

    /// <summary>The values of <see cref="Source"/>.</summary>
    public static class Sources
    {
        public const string Conversation = "conversation";
        public const string Open311 = "open311";
    }
}
