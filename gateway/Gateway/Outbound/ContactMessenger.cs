using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Outbound.Status;

namespace Gateway.Outbound;

/// <summary>
/// Sends what the gateway says on its own to a contact for the bus commands (SendMessage, StartFlow,
/// NotifyFeedbackStatus): the route comes from the one <see cref="OutboundRouter"/> (opt-out, channel, provider, WhatsApp
/// window), the send is recorded for status callbacks and, once accepted, in the ledger against redelivery.
/// </summary>
public sealed class ContactMessenger(
    OutboundRouter router,
    IMessageStatusStore statuses,
    SendLedger ledger,
    IContactStore store,
    ContactIds ids,
    ILogger<ContactMessenger> logger)
{
    public async Task<StoredContact?> FindAsync(string? phone, string? contactId, CancellationToken cancellationToken)
    {
        var id = contactId ?? (Text.PhoneNumbers.TryNormalize(phone, out var e164) ? ids.For(e164) : null);
        return id is null ? null : await store.GetAsync(id, cancellationToken);
    }

    /// <summary>True when a command with this id was sent already (redelivered by the bus).</summary>
    public Task<bool> AlreadySentAsync(string requestId, CancellationToken cancellationToken) => ledger.ContainsAsync(requestId, cancellationToken);

    /// <summary>
    /// Sends <paramref name="replies"/>; nothing to an opted-out contact. Throws <see cref="RetryableSendException"/> when
    /// trying again later may work, and <see cref="InvalidOperationException"/> when no provider can reach the contact
    /// (configuration: the command goes to the error queue, from which it can be moved back once fixed).
    /// </summary>
    public async Task SendAsync(ContactState contact, ChannelKind? channel, IReadOnlyList<Reply> replies, string requestId, CancellationToken cancellationToken)
    {
        if (replies.Count == 0) return;
        switch (router.Route(contact, channel))
        {
            case RouteDecision.Unreachable { Reason: OutboundRouter.OptedOut }:
                return;
            case RouteDecision.Unreachable unreachable:
                throw new InvalidOperationException($"Request {requestId} cannot reach contact {contact.ContactId}: {unreachable.Detail}");
            case RouteDecision.Routed { Route: var route }:
                foreach (var reply in replies)
                {
                    var outcome = await router.SendAsync(contact, route, reply, requestId, cancellationToken);
                    if (outcome.Status == OutboundRouter.OptedOut) return;
                    if (outcome.Unconfirmed)
                    {
                        // Counted as sent: sending it again (a bus retry) could reach the contact twice.
                        logger.LogWarning("{Provider} did not answer in time for contact {ContactId}: taken as sent, not sent again", route.Provider, contact.ContactId);
                        continue;
                    }
                    if (!outcome.Accepted)
                    {
                        if (outcome.Retryable) throw new RetryableSendException($"{route.Provider} refused for now: {outcome.ErrorCode} {outcome.Error}");
                        logger.LogWarning("{Provider} refused a message for contact {ContactId}: {ErrorCode} {Error}", route.Provider, contact.ContactId, outcome.ErrorCode, outcome.Error);
                        return;
                    }
                    if (outcome.ProviderMessageId is { } messageId)
                        await statuses.RecordSentAsync(route.Provider, messageId, "accepted", requestId, cancellationToken);
                }
                await ledger.RecordAsync(requestId, contact.ContactId, cancellationToken);
                return;
        }
    }
}

/// <summary>A send failed in a way that may succeed later: the consumer lets MassTransit retry.</summary>
public sealed class RetryableSendException(string message) : Exception(message);
