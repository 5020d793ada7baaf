using System.Collections.Concurrent;
using Gateway.Contracts;
using Gateway.Outbound.Status;

namespace Gateway.Tests.Fakes;

/// <summary>Captures MessageStatusChanged events instead of publishing them.</summary>
public sealed class RecordingStatusEvents : IStatusEvents
{
    private readonly ConcurrentQueue<MessageStatusChanged> _published = new();

    public IReadOnlyList<MessageStatusChanged> Published => [.. _published];

    public Task PublishAsync(MessageStatusChanged statusChanged, CancellationToken cancellationToken)
    {
        _published.Enqueue(statusChanged);
        return Task.CompletedTask;
    }
}
