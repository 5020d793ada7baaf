namespace Gateway.Contracts;

/// <summary>
/// Command: send one message to a contact (v1). Carries the phone number because the gateway needs it to act;
/// either <paramref name="To"/> (E.164) or <paramref name="ContactId"/> must be set.
/// </summary>
/// <param name="Channel">sms or whatsapp; null = the contact's last channel.</param>
/// <param name="Texts">Text per language; the contact's language is picked, with fallback.</param>
public sealed record SendMessage(
    string RequestId,
    string? To,
    string? ContactId,
    string? Channel,
    IReadOnlyDictionary<string, string> Texts)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
