using Gateway.Conversations;

namespace Gateway.Outbound;

/// <summary>
/// The one place that decides how a message the gateway sends on its own reaches a contact: desk answers, the bus
/// commands (SendMessage, StartFlow, NotifyFeedbackStatus) and alerts. Rules, in order:
/// <list type="number">
/// <item>An opted-out contact gets nothing.</item>
/// <item>The channel is the contact's own (the one they last wrote on); a preferred channel wins when the contact uses it,
/// or when it is SMS (any phone takes an SMS). USSD cannot be pushed: a USSD contact gets an SMS.</item>
/// <item>On the channel they last wrote on, the provider that received them, from the number they wrote to. Otherwise the
/// commune's provider (<c>Gateway:CommuneProviders:&lt;commune&gt;:Sms</c>), else the default
/// (<c>Gateway:DefaultProviders:Sms</c> / <c>:WhatsApp</c>), else the alerts' legacy <c>Alerts:Providers</c>. A contact who
/// only ever wrote through the simulator is answered by the simulator (their number may be made up).</item>
/// <item>WhatsApp after the 24 h window: the provider's approved template when one is configured, else an SMS.</item>
/// <item>No provider: in Development and Testing the simulator's mailbox; elsewhere a clear error, never a silent simulator.</item>
/// </list>
/// <see cref="SendAsync"/> then sends and honours a provider's "unsubscribed" answer as a STOP, everywhere.
/// </summary>
public sealed class OutboundRouter(
    MessageSenders senders,
    IConversationEngine engine,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<OutboundRouter> logger)
{
    public const string OptedOut = "opted_out";
    public const string NoChannel = "no_channel";

    private readonly bool _simulatorFallback = environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public RouteDecision Route(ContactState contact, ChannelKind? preferred = null)
    {
        if (contact.OptedOut) return new RouteDecision.Unreachable(OptedOut, "The contact opted out.");

        var own = contact.LastChannel == ChannelKind.Ussd ? ChannelKind.Sms : contact.LastChannel;
        var channel = preferred is { } p && p != ChannelKind.Ussd && (p == contact.LastChannel || p == ChannelKind.Sms) ? p : own;
        var now = clock.GetUtcNow();

        if (channel == ChannelKind.WhatsApp && !WhatsAppWindow.AllowsFreeForm(contact, channel, now))
        {
            // Outside the window only a template goes out; without one, an SMS reaches the same phone.
            if (ProviderFor(contact, channel) is { } wa && HasTemplate(wa.Provider)) return Routed(channel, wa, withinWindow: false);
            channel = ChannelKind.Sms;
        }
        if (ProviderFor(contact, channel) is { } chosen) return Routed(channel, chosen, withinWindow: true);
        return new RouteDecision.Unreachable(NoChannel,
            $"No {channel.ToWire()} provider for commune '{contact.Commune}': set Gateway:DefaultProviders:{channel} (or Gateway:CommuneProviders:<commune>:{channel}).");
    }

    private static RouteDecision Routed(ChannelKind channel, (string Provider, string? From) via, bool withinWindow) =>
        new RouteDecision.Routed(new OutboundRoute(channel, via.Provider, via.From, withinWindow));

    private (string Provider, string? From)? ProviderFor(ContactState contact, ChannelKind channel)
    {
        if (contact.LastProvider == InboundMessage.SimulatorProvider) return (InboundMessage.SimulatorProvider, null);
        if (channel == contact.LastChannel && contact.LastProvider is { Length: > 0 } last && senders.TryGet(last, out _)) return (last, contact.LastTo);
        foreach (var key in new[]
                 {
                     contact.Commune is { } commune ? $"Gateway:CommuneProviders:{commune}:{channel}" : null,
                     $"Gateway:DefaultProviders:{channel}",
                     $"Alerts:Providers:{channel.ToWire()}",
                 })
        {
            if (key is not null && configuration[key] is { Length: > 0 } provider && senders.TryGet(provider, out _)) return (provider, null);
        }
        return _simulatorFallback ? (InboundMessage.SimulatorProvider, null) : null;
    }

    /// <summary>
    /// Whether the provider can send outside the window: Twilio and the Cloud API only with their template setting; any
    /// other provider (the simulator, one added later) renders the template path itself.
    /// </summary>
    private bool HasTemplate(string provider) => provider switch
    {
        "twilio" => !string.IsNullOrWhiteSpace(configuration["Twilio:WhatsAppTemplateContentSid"]),
        "whatsapp-cloud" => !string.IsNullOrWhiteSpace(configuration["WhatsApp:TemplateName"]),
        _ => true,
    };

    /// <summary>
    /// Sends one reply on <paramref name="route"/>. A provider answering that the contact unsubscribed (Twilio 21610) opts
    /// the contact out as their STOP would, on every channel.
    /// </summary>
    public async Task<SendOutcome> SendAsync(ContactState contact, OutboundRoute route, Reply reply, string? reference, CancellationToken cancellationToken)
    {
        if (!senders.TryGet(route.Provider, out var sender))
            throw new InvalidOperationException($"No sender is configured for provider '{route.Provider}' (channel {route.Channel.ToWire()}).");
        var outcome = await sender.SendAsync(new OutboundMessage(contact.Phone, route.From, route.Channel, reply, reference, route.WithinWindow), cancellationToken);
        if (outcome.Status == OptedOut)
        {
            logger.LogInformation("{Provider} says contact {ContactId} unsubscribed; opting them out everywhere.", route.Provider, contact.ContactId);
            await engine.OptOutAsync(contact.Phone, "provider", cancellationToken);
        }
        return outcome;
    }
}
