namespace Gateway.Contracts;

/// <summary>A provider reported a new status for an outbound message (v1).</summary>
/// <param name="MessageId">The provider's message id (Twilio SID, wamid, Kannel id).</param>
/// <param name="Provider">twilio, whatsapp, kannel, ...</param>
/// <param name="Status">queued, sent, delivered, undelivered, failed or read.</param>
/// <param name="ErrorCode">Provider error code, when failed.</param>
/// <param name="AlertId">The alert this message belongs to, when it does.</param>
public sealed record MessageStatusChanged(
    string MessageId,
    string Provider,
    string Status,
    string? ContactId,
    string? ErrorCode,
    string? AlertId,
    DateTimeOffset At)
{
    /// <summary>Contract version.</summary>
    public int Version { get; init; } = 1;
}
