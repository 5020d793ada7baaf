using Gateway.Contracts;

namespace Gateway.Channels.Kannel;

/// <summary>
/// Where Kannel delivery reports go. The default only logs; the lead binds it to the outbox (and may unify it
/// with the other providers' status interfaces).
/// </summary>
public interface IKannelStatusSink
{
    Task PublishAsync(MessageStatusChanged statusChanged, CancellationToken cancellationToken);
}

public sealed class LoggingKannelStatusSink(ILogger<LoggingKannelStatusSink> logger) : IKannelStatusSink
{
    public Task PublishAsync(MessageStatusChanged statusChanged, CancellationToken cancellationToken)
    {
        logger.LogInformation("Kannel message {MessageId} is {Status} {ErrorCode}", statusChanged.MessageId, statusChanged.Status, statusChanged.ErrorCode);
        return Task.CompletedTask;
    }
}
