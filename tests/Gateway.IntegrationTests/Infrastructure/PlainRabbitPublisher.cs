using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary>
/// Publishes a hand-written MassTransit JSON envelope with the plain RabbitMQ.Client, as a system without MassTransit
/// (a commune's PHP desk, a Python script) would: the envelope is the whole contract, nothing MassTransit-specific is needed.
/// </summary>
public static class PlainRabbitPublisher
{
    public static async Task PublishAsync(string exchange, object envelope)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Servers.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        // mandatory: an exchange without a bound queue would silently drop the command; this makes it a failure instead.
        await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, body);
    }
}
