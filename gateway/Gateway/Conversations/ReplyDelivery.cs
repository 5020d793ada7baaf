namespace Gateway.Conversations;

/// <summary>How the replies of a step reach the contact.</summary>
public enum ReplyDelivery
{
    /// <summary>The channel renders them into its webhook response (TwiML, CON/END, text/plain): nothing to store.</summary>
    Inline,

    /// <summary>
    /// The provider ignores the response (WhatsApp Cloud API), so replies are sent afterwards: the engine writes one
    /// <see cref="Contracts.DeliverReply"/> per reply to the outbox in the step's own commit, and a consumer sends it.
    /// </summary>
    Outbox,
}
