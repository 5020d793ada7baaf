using System.Text.Json;

namespace Gateway.IntegrationTests.Infrastructure;

public sealed partial class PlainRabbitQueue
{
    /// <summary>
    /// Takes every message the queue holds now. Call it once the gateway's outbox is empty: the relay deletes an entry
    /// only after the broker confirmed it, and a confirmed message is already in this (bound, durable) queue, so what
    /// is read then is everything the gateway published, duplicates included.
    /// </summary>
    public async Task<List<ReceivedMessage>> DrainAsync()
    {
        var received = new List<ReceivedMessage>();
        await using var connection = await _factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(_queue, autoAck: true) is { } result)
        {
            var envelope = JsonDocument.Parse(result.Body).RootElement.Clone();
            received.Add(new ReceivedMessage(Guid.Parse(envelope.GetProperty("messageId").GetString()!), result.BasicProperties.MessageId, result.BasicProperties.ContentType, envelope));
        }
        return received;
    }
}
