using Gateway.Outbound.Status;

namespace Gateway.Outbound;

public static class OutboundExtensions
{
    /// <summary>
    /// What the gateway sends on its own, outside a webhook's reply: the providers' senders (each channel adds its own),
    /// message statuses, and the messenger that the bus commands (SendMessage, StartFlow, NotifyFeedbackStatus,
    /// DeliverReply) go through. The consumers themselves are found by MassTransit in this folder.
    /// </summary>
    public static WebApplicationBuilder AddOutbound(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SendLedger>();
        builder.Services.AddSingleton<ContactMessenger>();
        builder.Services.AddSingleton<OutboundRouter>();
        builder.Services.AddMessageStatus();
        return builder;
    }
}
