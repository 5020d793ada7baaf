using Gateway.Contracts;
using MassTransit;

namespace Gateway.Channels.Status;

/// <summary>
/// Publishes through MassTransit's <see cref="IPublishEndpoint"/> when the host has a bus, else logs.
/// IPublishEndpoint is scoped in MassTransit, so each publish gets its own scope.
/// </summary>
public sealed class DefaultStatusEvents(IServiceScopeFactory scopes, ILogger<DefaultStatusEvents> logger) : IStatusEvents
{
    public async Task PublishAsync(MessageStatusChanged statusChanged, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var publish = scope.ServiceProvider.GetService<IPublishEndpoint>();
        if (publish is null)
        {
            logger.LogInformation("Message {MessageId} ({Provider}) is now {Status} (error {ErrorCode}); no bus registered",
                statusChanged.MessageId, statusChanged.Provider, statusChanged.Status, statusChanged.ErrorCode);
            return;
        }
        await publish.Publish(statusChanged, cancellationToken);
    }
}
