using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace Gateway.IntegrationTests.Polls;

/// <summary>
/// A queue bound to an event's exchange, read with the plain RabbitMQ.Client. Read it after the gateways' outboxes have
/// drained: the relay removes an outbox entry only once the broker confirmed it (routed to every bound queue), so an
/// empty outbox means every event is already in this queue, and reading until empty counts them exactly.
/// </summary>
internal sealed class RabbitQueueDrain : IAsyncDisposable
{
    private readonly ConnectionFactory _factory = new() { Uri = new Uri(Servers.RabbitMq) };
    private readonly string _queue = "it-polls-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<RabbitQueueDrain> BindAsync(string exchange)
    {
        var queue = new RabbitQueueDrain();
        await using var connection = await queue._factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue._queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue._queue, exchange, "");
        return queue;
    }

    /// <summary>Every message now in the queue: the <c>message</c> of each MassTransit envelope, with the envelope's messageId.</summary>
    public async Task<List<(Guid MessageId, JsonElement Message)>> ReadAllAsync()
    {
        var read = new List<(Guid, JsonElement)>();
        await using var connection = await _factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(_queue, autoAck: true) is { } result)
        {
            var envelope = JsonDocument.Parse(result.Body).RootElement.Clone();
            read.Add((Guid.Parse(envelope.GetProperty("messageId").GetString()!), envelope.GetProperty("message")));
        }
        return read;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await _factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
    }
}
