using Gateway.Outbound.Status;

namespace Gateway.Outbound;

/// <summary>
/// Remembers the requests whose message the provider accepted (bus commands, outbox replies), so a redelivered command
/// is not sent twice. Kept in the message status store (7 days' retention, shared by all replicas). Written after the
/// provider accepted: a crash in between sends once more, which is the at-least-once side of the trade.
/// </summary>
public sealed class SendLedger(IMessageStatusStore statuses)
{
    private const string Scope = "command";

    public async Task<bool> ContainsAsync(string requestId, CancellationToken cancellationToken) =>
        await statuses.GetAsync(Scope, requestId, cancellationToken) is not null;

    public Task RecordAsync(string requestId, string contactId, CancellationToken cancellationToken) =>
        statuses.RecordSentAsync(Scope, requestId, "sent", contactId, cancellationToken);
}
