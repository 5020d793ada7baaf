namespace Gateway.Conversations;

/// <summary>The single entry point channels call: one inbound message in, abstract replies out.</summary>
public interface IConversationEngine
{
    /// <summary>Runs one step for the sender of <paramref name="message"/>, atomically for that contact, de-duplicated on the provider message id.</summary>
    Task<StepResult> HandleAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>Starts <paramref name="flowId"/> for a contact as if they had texted its keyword (bus command StartFlow, poll invitations).</summary>
    Task<StepResult> StartFlowAsync(string phone, ChannelKind channel, string flowId, string requestId, CancellationToken cancellationToken);

    /// <summary>Opts a contact out as their STOP would, without a message from them (a provider reports they unsubscribed).</summary>
    Task OptOutAsync(string phone, string source, CancellationToken cancellationToken);
}
