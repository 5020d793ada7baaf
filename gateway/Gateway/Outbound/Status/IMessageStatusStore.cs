namespace Gateway.Outbound.Status;

/// <summary>
/// The delivery status of outbound messages, keyed by provider and provider message id.
/// Senders record what they sent (with the caller's reference, e.g. an alert id) so that a later
/// status callback, which carries only the provider id, can be tied back to it.
/// </summary>
public interface IMessageStatusStore
{
    /// <summary>A sender's provider accepted a message; <paramref name="reference"/> is <see cref="OutboundMessage.Reference"/>.</summary>
    Task RecordSentAsync(string provider, string messageId, string status, string? reference, CancellationToken cancellationToken);

    /// <summary>A provider reported a status; returns the entry as stored afterwards (with the reference if the sender recorded one).</summary>
    Task<MessageStatusEntry> UpdateAsync(string provider, string messageId, string status, string? errorCode, DateTimeOffset at, CancellationToken cancellationToken);

    Task<MessageStatusEntry?> GetAsync(string provider, string messageId, CancellationToken cancellationToken);
}

/// <param name="Status">queued, accepted, sending, sent, delivered, undelivered, failed, read, ...</param>
/// <param name="Reference">The sender's <see cref="OutboundMessage.Reference"/>, when it recorded one.</param>
public sealed record MessageStatusEntry(
    string Provider,
    string MessageId,
    string Status,
    string? ErrorCode,
    string? Reference,
    DateTimeOffset UpdatedAt);
