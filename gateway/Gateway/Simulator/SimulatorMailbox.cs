using System.Collections.Concurrent;
using Gateway.Channels;
using Gateway.Outbound;

namespace Gateway.Simulator;

/// <summary>The simulator's outbound side: messages the gateway sends on its own to simulated phones wait here to be read.</summary>
public sealed class SimulatorMailbox(TimeProvider clock) : IMessageSender
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SentMessage>> _byPhone = new(StringComparer.Ordinal);

    public sealed record SentMessage(string Id, string Channel, string Text, string Language, string? Reference, DateTimeOffset SentAt);

    public string Provider => SimulatorApi.Provider;

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var id = "SIM" + Guid.NewGuid().ToString("N")[..16];
        _byPhone.GetOrAdd(message.To, _ => new()).Enqueue(new SentMessage(
            id, Conversations.ChannelKindNames.ToWire(message.Channel), (message.Channel == Conversations.ChannelKind.Sms ? SmsText.RenderSms(message.Reply) : SmsText.Render(message.Reply)), message.Reply.Language, message.Reference, clock.GetUtcNow()));
        return Task.FromResult(SendOutcome.Ok(id));
    }

    public IReadOnlyList<SentMessage> For(string phone) =>
        _byPhone.TryGetValue(phone, out var queue) ? queue.ToList() : [];
}
