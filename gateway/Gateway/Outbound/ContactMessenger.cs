using Gateway.Conversations;
using Gateway.Channels;
using Gateway.Contacts;
using Gateway.Contracts;
using Gateway.Storage;
using Gateway.Conversations.Ports;
using Gateway.Outbound.Status;

namespace Gateway.Outbound;

/// <summary>
/// Sends what the gateway says on its own (bus commands, not replies to a webhook) to a contact: picks the channel and
/// provider the contact last used (or the configured default), respects opt-out, knows the WhatsApp 24 h window,
/// records the send for status callbacks, and marks the contact opted out when the provider says they unsubscribed.
/// </summary>
public sealed class ContactMessenger(
    MessageSenders senders,
    IMessageStatusStore statuses,
    SendLedger ledger,
    IContactStore store,
    IConversationEngine engine,
    ContactIds ids,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<ContactMessenger> logger)
{
    public async Task<StoredContact?> FindAsync(string? phone, string? contactId, CancellationToken cancellationToken)
    {
        var id = contactId ?? (Text.PhoneNumbers.TryNormalize(phone, out var e164) ? ids.For(e164) : null);
        return id is null ? null : await store.GetAsync(id, cancellationToken);
    }

    /// <summary>True when a command with this id was sent already (redelivered by the bus).</summary>
    public Task<bool> AlreadySentAsync(string requestId, CancellationToken cancellationToken) => ledger.ContainsAsync(requestId, cancellationToken);

    /// <summary>Sends <paramref name="replies"/>; throws <see cref="RetryableSendException"/> when trying again later may work.</summary>
    public async Task SendAsync(ContactState contact, ChannelKind? channel, IReadOnlyList<Reply> replies, string requestId, CancellationToken cancellationToken)
    {
        if (contact.OptedOut || replies.Count == 0) return;
        var kind = channel ?? contact.LastChannel;
        var provider = kind == contact.LastChannel && contact.LastProvider is { Length: > 0 } last ? last : DefaultProvider(kind);
        if (!senders.TryGet(provider, out var sender))
            throw new InvalidOperationException($"No sender is configured for provider '{provider}' (channel {kind.ToWire()}).");

        var withinWindow = WhatsAppWindow.AllowsFreeForm(contact, kind, clock.GetUtcNow());
        foreach (var reply in replies)
        {
            var outcome = await sender.SendAsync(new OutboundMessage(contact.Phone, contact.LastTo, kind, reply, requestId, withinWindow), cancellationToken);
            if (outcome.Status == "opted_out")
            {
                // The provider says the contact unsubscribed (Twilio 21610): honour it as a STOP.
                await engine.OptOutAsync(contact.Phone, "provider", cancellationToken);
                return;
            }
            if (!outcome.Accepted)
            {
                if (outcome.Retryable) throw new RetryableSendException($"{provider} refused for now: {outcome.ErrorCode} {outcome.Error}");
                logger.LogWarning("{Provider} refused a message for contact {ContactId}: {ErrorCode} {Error}", provider, contact.ContactId, outcome.ErrorCode, outcome.Error);
                return;
            }
            if (outcome.ProviderMessageId is { } messageId)
                await statuses.RecordSentAsync(provider, messageId, "accepted", requestId, cancellationToken);
        }
        await ledger.RecordAsync(requestId, contact.ContactId, cancellationToken);
    }

    private string DefaultProvider(ChannelKind kind) =>
        configuration[$"Gateway:DefaultProviders:{kind}"] is { Length: > 0 } configured ? configured : SimulatorProvider;

    /// <summary>The simulator's provider name (<c>Simulator.SimulatorApi.Provider</c>, a layer above): its mailbox.</summary>
    private const string SimulatorProvider = "simulator";
}

/// <summary>A send failed in a way that may succeed later: the consumer lets MassTransit retry.</summary>
public sealed class RetryableSendException(string message) : Exception(message);
