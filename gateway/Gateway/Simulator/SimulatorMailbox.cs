using System.Collections.Concurrent;
using Gateway.Channels;
using Gateway.Outbound;

namespace Gateway.Simulator;

/// <summary>
/// The simulator's outbound side: messages the gateway sends on its own to simulated phones wait here to be read.
/// Bounded (the last <see cref="MaxPerPhone"/> messages of at most <see cref="MaxPhones"/> phones, the oldest phone
/// forgotten first): anyone with a key can make it send to any number. Erasing a contact forgets its mailbox.
/// </summary>
public sealed class SimulatorMailbox(TimeProvider clock) : IMessageSender
{
    public const int MaxPerPhone = 100;
    public const int MaxPhones = 10_000;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<SentMessage>> _byPhone = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _phonesInOrder = new();

    public sealed record SentMessage(string Id, string Channel, string Text, string Language, string? Reference, DateTimeOffset SentAt);

    public string Provider => SimulatorApi.Provider;

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var id = "SIM" + Guid.NewGuid().ToString("N")[..16];
        var queue = _byPhone.GetOrAdd(message.To, phone =>
        {
            _phonesInOrder.Enqueue(phone);
            return new();
        });
        queue.Enqueue(new SentMessage(
            id, Conversations.ChannelKindNames.ToWire(message.Channel), (message.Channel == Conversations.ChannelKind.Sms ? SmsText.RenderSms(message.Reply) : SmsText.Render(message.Reply)), message.Reply.Language, message.Reference, clock.GetUtcNow()));
        while (queue.Count > MaxPerPhone && queue.TryDequeue(out _))
        {
        }
        while (_byPhone.Count > MaxPhones && _phonesInOrder.TryDequeue(out var oldest)) _byPhone.TryRemove(oldest, out _);
        return Task.FromResult(SendOutcome.Ok(id));
    }

    /// <summary>Erasure: nothing sent to the number is kept.</summary>
    public void Forget(string phone) => _byPhone.TryRemove(phone, out _);

    public IReadOnlyList<SentMessage> For(string phone) =>
        _byPhone.TryGetValue(phone, out var queue) ? queue.ToList() : [];
}
