using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// A queue read with the plain RabbitMQ.Client (no MassTransit): what a commune's own system would do. Bound to an
/// event's exchange (<c>Gateway.Contracts:FeedbackReceived</c>), durable so it keeps messages across a broker restart.
/// </summary>
public sealed partial class PlainRabbitQueue : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly string _queue = "it-" + Guid.NewGuid().ToString("N")[..12];

    private PlainRabbitQueue(string rabbitMq) => _factory = new ConnectionFactory { Uri = new Uri(rabbitMq) };

    /// <param name="rabbitMq">The broker and virtual host (default: <see cref="Servers.RabbitMq"/>).</param>
    public static async Task<PlainRabbitQueue> BindAsync(string exchange, string? rabbitMq = null)
    {
        var queue = new PlainRabbitQueue(rabbitMq ?? Servers.RabbitMq);
        await using var connection = await queue._factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // The same declaration MassTransit makes (fanout, durable), so whichever comes first, both agree.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue._queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue._queue, exchange, "");
        return queue;
    }

    /// <summary>Reads messages until one whose envelope messageId is <paramref name="sentinel"/> arrives; returns all read, in order.</summary>
    public async Task<List<ReceivedMessage>> ReadUntilAsync(Guid sentinel, int seconds = 240)
    {
        var received = new List<ReceivedMessage>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                await using var connection = await _factory.CreateConnectionAsync();
                await using var channel = await connection.CreateChannelAsync();
                while (DateTime.UtcNow < deadline)
                {
                    var result = await channel.BasicGetAsync(_queue, autoAck: true);
                    if (result is null)
                    {
                        await Task.Delay(100);
                        continue;
                    }
                    var envelope = JsonDocument.Parse(result.Body).RootElement.Clone();
                    var message = new ReceivedMessage(Guid.Parse(envelope.GetProperty("messageId").GetString()!), result.BasicProperties.MessageId, result.BasicProperties.ContentType, envelope);
                    received.Add(message);
                    if (message.MessageId == sentinel) return received;
                }
                throw new TimeoutException($"The sentinel {sentinel} never arrived; {received.Count} messages read.");
            }
            catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = await _factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
        }
        catch (BrokerUnreachableException)
        {
            // The broker is down (a failed outage test); the queue goes with the test servers.
        }
    }
}

/// <param name="MessageId">The MassTransit envelope's <c>messageId</c>.</param>
/// <param name="AmqpMessageId">The AMQP <c>message-id</c> property MassTransit sets to the same id.</param>
public sealed record ReceivedMessage(Guid MessageId, string? AmqpMessageId, string? ContentType, JsonElement Envelope);
