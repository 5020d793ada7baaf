namespace Gateway.Conversations;

/// <summary>
/// What every channel turns a provider's webhook into. The engine knows nothing else about providers.
/// </summary>
/// <param name="Channel">sms, ussd or whatsapp.</param>
/// <param name="Provider">Which adapter received it (twilio, whatsapp-cloud, kannel, africastalking, simulator...); outbound replies go back through it.</param>
/// <param name="From">The contact's number in E.164.</param>
/// <param name="To">The number, short code or USSD service code the contact wrote to; selects the commune.</param>
/// <param name="Text">What the contact typed (may be empty).</param>
/// <param name="Payload">A tapped button or list row id (WhatsApp), when there is one; it wins over <paramref name="Text"/>.</param>
/// <param name="ProviderMessageId">The provider's id for this message (MessageSid, wamid, Kannel id, USSD session+hop); retries carry the same id.</param>
/// <param name="SessionKey">A provider session the conversation must not outlive (USSD sessionId); null for SMS/WhatsApp.</param>
public sealed record InboundMessage(
    ChannelKind Channel,
    string Provider,
    string From,
    string To,
    string Text,
    string? Payload = null,
    string? ProviderMessageId = null,
    string? SessionKey = null)
{
    /// <summary>
    /// The console's simulator's provider name. It lives in the core, not in the simulator, because the core and the
    /// features below the simulator must tell simulated traffic apart (kept out of real tallies, flagged in events).
    /// </summary>
    public const string SimulatorProvider = "simulator";

    /// <summary>Typed in the console's simulator, not sent by a citizen through a provider.</summary>
    public bool Simulated => Provider == SimulatorProvider;

    /// <summary>Inline (the default) or through the outbox, for providers that ignore the webhook response.</summary>
    public ReplyDelivery ReplyDelivery { get; init; } = ReplyDelivery.Inline;

    /// <summary>With <see cref="ReplyDelivery.Outbox"/>: our sender id replies leave from (WhatsApp Cloud: the phone_number_id written to).</summary>
    public string? ReplyFrom { get; init; }
}
