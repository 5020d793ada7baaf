using Gateway.Conversations;

namespace Gateway.Outbound;

/// <summary>How one message the gateway originates reaches a contact.</summary>
/// <param name="From">Our number the contact last wrote to, when the same provider sends; null = the provider's default sender.</param>
/// <param name="WithinWindow">WhatsApp: false when the 24 h window is closed (the provider's configured template goes out).</param>
public sealed record OutboundRoute(ChannelKind Channel, string Provider, string? From, bool WithinWindow);

/// <summary>What <see cref="OutboundRouter.Route"/> decided: a route, or why nothing can reach the contact.</summary>
public abstract record RouteDecision
{
    private RouteDecision() { }

    public sealed record Routed(OutboundRoute Route) : RouteDecision;

    /// <param name="Reason"><see cref="OutboundRouter.OptedOut"/> or <see cref="OutboundRouter.NoChannel"/>.</param>
    /// <param name="Detail">What to configure, for logs and error queues.</param>
    public sealed record Unreachable(string Reason, string Detail) : RouteDecision;
}
