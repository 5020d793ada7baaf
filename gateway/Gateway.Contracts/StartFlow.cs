namespace Gateway.Contracts;

/// <summary>Command: start a flow for a contact, as if they had texted its keyword (v1).</summary>
/// <param name="To">Phone number (E.164); or use <paramref name="ContactId"/> for a known contact.</param>
/// <param name="Channel">sms or whatsapp; null = the contact's last channel, else sms.</param>
public sealed record StartFlow(
    string RequestId,
    string? To,
    string? ContactId,
    string FlowId,
    string? Channel)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
