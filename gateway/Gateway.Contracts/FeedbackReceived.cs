namespace Gateway.Contracts;

/// <summary>
/// A citizen finished the feedback conversation. Published once per submission (v1).
/// The contact is pseudonymous; the phone number never travels on the bus with feedback.
/// </summary>
/// <param name="Reference">Human reference given back to the citizen, e.g. <c>R-4F7K</c>.</param>
/// <param name="ContactId">Pseudonymous contact id (keyed hash of the phone number).</param>
/// <param name="Commune">Commune id, or null when the contact never chose one.</param>
/// <param name="Category">roads, water, lighting, waste, safety or other.</param>
/// <param name="Text">What the citizen wrote, as received (normalised whitespace only).</param>
/// <param name="Place">Neighbourhood or douar, when given.</param>
/// <param name="Channel">sms, ussd or whatsapp.</param>
/// <param name="Language">Language of the conversation (ar, fr, zgh, zgh-Latn).</param>
/// <param name="ReceivedAt">When the last answer arrived.</param>
public sealed record FeedbackReceived(
    string Reference,
    string ContactId,
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
}
