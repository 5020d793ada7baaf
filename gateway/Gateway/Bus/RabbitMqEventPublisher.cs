using System.Collections.Concurrent;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Gateway.Bus;

/// <summary>
/// Publishes outbox events straight to RabbitMQ in MassTransit's wire format (<see cref="MassTransitEnvelope"/>), on one
/// channel of its own with publisher confirms: each publish completes when the broker confirms it, and many are in
/// flight at once (the relay publishes different contacts in parallel). The events were already committed and carry
/// their ids, so MassTransit's publish pipeline (its send context, filters, serializer lookup and diagnostics, ~25 µs
/// per event under load) bought nothing here; MassTransit still runs the consumers. A failure throws: the relay keeps
/// the entry and retries. The connection is made on first use and again after it was lost.
/// <para>RabbitMQ drops a message published to an exchange no queue is bound to. On a brand-new broker (or one that lost
/// its definitions) the gateway's own receive endpoints (DeliverReply, the commands) may not have bound their queues yet
/// when the relay, which connects faster than MassTransit, publishes its first events: so after each new connection the
/// first publish waits until every receive endpoint of the bus is either connected or has its durable queue on the broker
/// (a passive declare: the queue exists, so its bindings do, and what is published now waits in it). After a broker
/// restart the queues are there at once, so publishing resumes as soon as this connection is back, without waiting for
/// MassTransit to reconnect every endpoint (seconds to tens of seconds, each on its own backoff). Until then, or for the
/// publish timeout, the event stays in the outbox. Queues of other systems are theirs to declare before events flow.</para>
/// </summary>
public sealed partial class RabbitMqEventPublisher(RabbitMqAddress address, IBusControl bus, ILogger<RabbitMqEventPublisher> logger)
    : IEventPublisher, IAsyncDisposable
{
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Task> _declaredExchanges = new(StringComparer.Ordinal);
    private readonly Uri _hostAddress = HostAddress(address);
    private IConnection? _connection;
    private IChannel? _channel;
    private volatile bool _consumersBound;

    public async Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken);
        if (!_consumersBound) await WaitForConsumersAsync(cancellationToken);
        var exchange = MassTransitEnvelope.ExchangeOf(messageType);
        await DeclareOnceAsync(channel, exchange, cancellationToken);

        var body = MassTransitEnvelope.Serialize(message, messageType, messageId, bus.Address, _hostAddress, DateTime.UtcNow);
        var properties = new BasicProperties
        {
            ContentType = MassTransitEnvelope.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = messageId.ToString("D"),
        };
        // With confirmation tracking on, this completes on the broker's ack and throws on a nack or a lost channel.
        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body, cancellationToken);
    }

    private async Task WaitForConsumersAsync(CancellationToken cancellationToken)
    {
        while (bus.CheckHealth() is { Status: not BusHealthStatus.Healthy } health)
        {
            if (await QueuesOnBrokerAsync(health, cancellationToken)) break;
            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The relay's publish timeout: this publish fails, the event stays in the outbox, the relay retries.
                throw new InvalidOperationException($"The bus is not healthy yet ({health.Description}) and some of its receive endpoints have no queue on the broker yet, so the event waits in the outbox.");
            }
        }
        if (_consumersBound) return;
        _consumersBound = true;
        LogConsumersBound();
    }

    /// <summary>
    /// True when every receive endpoint not yet connected has its (durable) queue on the broker. Checked with a passive
    /// declare on a channel of its own, because a missing queue closes the channel it was asked on.
    /// </summary>
    private async Task<bool> QueuesOnBrokerAsync(BusHealthResult health, CancellationToken cancellationToken)
    {
        if (health.Endpoints is not { Count: > 0 } endpoints || _connection is not { IsOpen: true } connection) return false;
        foreach (var endpoint in endpoints.Values)
        {
            if (endpoint.Status == BusHealthStatus.Healthy || QueueOf(endpoint.InputAddress) is not { } queue) continue;
            try
            {
                await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
            }
            catch (OperationInterruptedException)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The durable queue of a receive endpoint's address; null for a temporary one (the bus's own, for responses).</summary>
    internal static string? QueueOf(Uri? inputAddress)
    {
        if (inputAddress is null) return null;
        var query = inputAddress.Query;
        if (query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase) || query.Contains("autodelete=true", StringComparison.OrdinalIgnoreCase)
            || query.Contains("durable=false", StringComparison.OrdinalIgnoreCase)) return null;
        var name = inputAddress.Segments.LastOrDefault()?.Trim('/');
        return string.IsNullOrEmpty(name) ? null : Uri.UnescapeDataString(name);
    }

    /// <summary>
    /// The exchange MassTransit would publish to, declared as MassTransit declares it (fanout, durable): consumers' queues
    /// are bound to it, and publishing to an exchange that does not exist would close the channel.
    /// </summary>
    private Task DeclareOnceAsync(IChannel channel, string exchange, CancellationToken cancellationToken)
    {
        var declared = _declaredExchanges.GetOrAdd(exchange, name => channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: CancellationToken.None));
        if (declared.IsFaulted || declared.IsCanceled) _declaredExchanges.TryRemove(new KeyValuePair<string, Task>(exchange, declared));
        return declared.WaitAsync(cancellationToken);
    }

    private async ValueTask<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open) return open;
        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } reopened) return reopened;
            await CloseAsync();
            var factory = new ConnectionFactory
            {
                HostName = address.Host,
                Port = address.Port,
                VirtualHost = address.VirtualHost,
                UserName = address.Username,
                Password = address.Password,
                ClientProvidedName = "gateway-outbox-relay",
                // One way back after a broker outage, ours: the next publish finds the channel closed and connects again
                // (the relay retries with backoff meanwhile). The client's own recovery would race it for the same channel.
                AutomaticRecoveryEnabled = false,
                RequestedHeartbeat = TimeSpan.FromSeconds(30),
            };
            if (address.UseTls) factory.Ssl = new SslOption { Enabled = true, ServerName = address.Host };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            _channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            // Exchanges are declared again on the new channel (the broker may have restarted without them), and the
            // gateway's own queues must be bound again before the first publish.
            _declaredExchanges.Clear();
            _consumersBound = false;
            LogConnected(address.Host, address.Port);
            return _channel;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        try
        {
            if (channel is not null) await channel.DisposeAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
        catch (Exception ex)
        {
            // A connection that already failed may fail again on close; the next one is what matters.
            LogCloseFailed(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _connectGate.Dispose();
    }

    /// <summary>MassTransit's host address for the broker (<c>rabbitmq://host:port/vhost/</c>), the base of destination addresses.</summary>
    internal static Uri HostAddress(RabbitMqAddress address)
    {
        var vhost = address.VirtualHost == "/" ? "" : Uri.EscapeDataString(address.VirtualHost) + "/";
        return new Uri($"{(address.UseTls ? "rabbitmqs" : "rabbitmq")}://{address.Host}:{address.Port}/{vhost}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox publisher connected to RabbitMQ at {Host}:{Port}")]
    private partial void LogConnected(string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox publisher: the gateway's receive endpoints are bound (connected, or their queues are on the broker); publishing")]
    private partial void LogConsumersBound();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the outbox publisher's previous RabbitMQ connection failed")]
    private partial void LogCloseFailed(Exception ex);
}
