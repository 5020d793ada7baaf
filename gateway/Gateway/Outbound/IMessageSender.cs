using Gateway.Conversations;

namespace Gateway.Outbound;

/// <summary>
/// A provider's outbound side (Twilio REST, Graph API, Kannel sendsms, the simulator's mailbox).
/// Used for replies that cannot go inline, bus commands (SendMessage, StartFlow, NotifyFeedbackStatus) and alerts.
/// </summary>
public interface IMessageSender
{
    /// <summary>The provider name, equal to <see cref="InboundMessage.Provider"/> of messages it receives.</summary>
    string Provider { get; }

    Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}

/// <param name="To">Recipient in E.164.</param>
/// <param name="From">Our number/sender to use, when known (the number the contact wrote to).</param>
/// <param name="Reply">What to send; the sender renders it for its channel.</param>
/// <param name="Reference">Caller's id for the message (alert id, request id): echoed in status events.</param>
/// <param name="WithinWindow">WhatsApp: false when the 24 h customer-service window is closed (a template must be used).</param>
public sealed record OutboundMessage(
    string To,
    string? From,
    ChannelKind Channel,
    Reply Reply,
    string? Reference = null,
    bool WithinWindow = true);

/// <param name="Status">accepted, failed, opted_out (the provider says the recipient unsubscribed) or unconfirmed (the request
/// left but no answer came: the provider may have taken it, so it is not sent again).</param>
/// <param name="ProviderMessageId">The provider's id, to match status callbacks.</param>
/// <param name="Retryable">For failures: whether trying again later may succeed.</param>
public sealed record SendOutcome(string Status, string? ProviderMessageId, string? ErrorCode = null, string? Error = null, bool Retryable = false)
{
    public const string UnconfirmedStatus = "unconfirmed";
    public const string NoAnswerError = "No answer from the provider in time: it may have taken the message, which is not sent again.";

    public bool Accepted => Status == "accepted";
    public bool Unconfirmed => Status == UnconfirmedStatus;
    public static SendOutcome Ok(string? id) => new("accepted", id);
    public static SendOutcome NoAnswer(string? ownId, string? errorCode) => new(UnconfirmedStatus, ownId, errorCode, NoAnswerError);
}

/// <summary>Finds the sender for a provider name; one registration per provider. Every send through it is counted per outcome.</summary>
public sealed class MessageSenders(IEnumerable<IMessageSender> senders)
{
    private readonly Dictionary<string, IMessageSender> _byProvider =
        senders.ToDictionary(s => s.Provider, s => (IMessageSender)new Counted(s), StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts <c>gateway_messages_sent_total{provider,outcome}</c>.</summary>
    private sealed class Counted(IMessageSender inner) : IMessageSender
    {
        public string Provider => inner.Provider;

        public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            try
            {
                var outcome = await inner.SendAsync(message, cancellationToken);
                Observability.GatewayMetrics.MessagesSent(inner.Provider, outcome.Status);
                return outcome;
            }
            catch
            {
                Observability.GatewayMetrics.MessagesSent(inner.Provider, "error");
                throw;
            }
        }
    }

    public bool TryGet(string provider, out IMessageSender sender) => _byProvider.TryGetValue(provider, out sender!);

    public IReadOnlyCollection<string> Providers => _byProvider.Keys;
}
