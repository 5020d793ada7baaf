namespace Gateway.Contracts;

/// <summary>
/// Internal command: send one reply of a committed conversation step (v1). Written to the outbox in the same atomic
/// commit as the step, so a reply the gateway decided on is never lost with the process; consumed by whichever replica
/// is up, sent at least once, and not resent when redelivered (<paramref name="ReplyId"/> is remembered once accepted).
/// Used by channels whose replies cannot ride on the webhook response (WhatsApp Cloud API). Carries the phone number
/// because the gateway itself must act on it, as <see cref="SendMessage"/> does; nothing outside the gateway consumes it.
/// </summary>
/// <param name="ReplyId">Stable id of this reply: the inbound provider message id and the reply's position (<c>wamid…:0</c>).</param>
/// <param name="ContactId">The contact's pseudonymous id.</param>
/// <param name="To">The contact's number (E.164).</param>
/// <param name="From">Our sender id the reply leaves from (WhatsApp Cloud: the phone_number_id the contact wrote to); null = the provider's default.</param>
/// <param name="Channel">sms, ussd or whatsapp.</param>
/// <param name="Provider">The adapter that received the message and sends the reply (<c>whatsapp-cloud</c>).</param>
/// <param name="Text">The reply's text in the contact's language.</param>
/// <param name="Language">The language of <paramref name="Text"/> (ar, fr, zgh, zgh-Latn).</param>
/// <param name="Options">The choices offered with the text, in order (buttons or list rows on WhatsApp); empty for a plain message.</param>
/// <param name="RepliedAt">When the step ran: past 24 h the WhatsApp customer-service window has closed and only a template is delivered.</param>
public sealed record DeliverReply(
    string ReplyId,
    string ContactId,
    string To,
    string? From,
    string Channel,
    string Provider,
    string Text,
    string Language,
    IReadOnlyList<DeliverReplyOption> Options,
    DateTimeOffset RepliedAt)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
