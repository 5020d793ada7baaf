using System.Collections.Concurrent;
using Gateway.Conversations;

namespace Gateway.Testing.Fakes;

/// <summary>A stand-in conversation engine: records every inbound message and answers with a configurable step result.</summary>
public sealed class RecordingEngine : IConversationEngine
{
    private readonly ConcurrentQueue<InboundMessage> _received = new();

    /// <summary>What the next steps return; defaults to silence.</summary>
    public Func<InboundMessage, StepResult> Respond { get; set; } = _ => new StepResult([], ConversationOpen: false, ContactId: "contact-1");

    public IReadOnlyList<InboundMessage> Received => [.. _received];

    public Task<StepResult> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        _received.Enqueue(message);
        return Task.FromResult(Respond(message));
    }

    public Task<StepResult> StartFlowAsync(string phone, ChannelKind channel, string flowId, string requestId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Channel tests only run inbound steps.");

    public Task OptOutAsync(string phone, string source, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Channel tests only run inbound steps.");

    public static StepResult Says(params Reply[] replies) => new(replies, ConversationOpen: true, ContactId: "contact-1");
}
