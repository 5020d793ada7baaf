using System.Threading.Channels;
using Gateway.Text;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>
/// Replies waiting to go out through the Graph API, in order. The webhook must answer Meta quickly, and a
/// send with retries can take seconds, so sending happens here, after the step; a failure is logged, never
/// thrown back to Meta (which would redeliver the message, not the reply).
/// Process-local: the lead routes replies through the outbox for durability.
/// </summary>
public sealed class CloudReplyQueue
{
    private readonly Channel<OutboundMessage> _queue = Channel.CreateBounded<OutboundMessage>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>False when the queue is full (the Graph API has been failing for a long while): the caller logs the loss.</summary>
    public bool Enqueue(OutboundMessage message) => _queue.Writer.TryWrite(message);

    internal ChannelReader<OutboundMessage> Reader => _queue.Reader;
}

public sealed class CloudReplyWorker(CloudReplyQueue queue, WhatsAppCloudSender sender, ILogger<CloudReplyWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var outcome = await sender.SendAsync(message, stoppingToken);
                if (!outcome.Accepted)
                    logger.LogWarning("WhatsApp reply to {To} not sent: {Status} {ErrorCode} {Error}",
                        PhoneNumbers.Mask(message.To), outcome.Status, outcome.ErrorCode, outcome.Error);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "WhatsApp reply to {To} failed", PhoneNumbers.Mask(message.To));
            }
        }
    }
}
