using System.Collections.Concurrent;
using System.Threading.Channels;
using Gateway.Contracts;
using Gateway.Outbound.Status;

namespace Gateway.Testing.Fakes;

/// <summary>Captures MessageStatusChanged events instead of publishing them; a test can read them all or await the next one.</summary>
public sealed class RecordingStatusEvents : IStatusEvents
{
    private readonly ConcurrentQueue<MessageStatusChanged> _published = new();
    private readonly Channel<MessageStatusChanged> _arrivals = Channel.CreateUnbounded<MessageStatusChanged>();

    public IReadOnlyList<MessageStatusChanged> Published => [.. _published];

    public Task PublishAsync(MessageStatusChanged statusChanged, CancellationToken cancellationToken)
    {
        _published.Enqueue(statusChanged);
        _arrivals.Writer.TryWrite(statusChanged);
        return Task.CompletedTask;
    }

    /// <summary>The next event not yet read by this method, in the order they were published; for reports that arrive after the request answered.</summary>
    public async Task<MessageStatusChanged> NextAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            return await _arrivals.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No delivery report reached the gateway within {deadline.TotalSeconds} s.");
        }
    }
}
