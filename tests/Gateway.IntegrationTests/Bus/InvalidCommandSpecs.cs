using System.Text;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace Gateway.IntegrationTests.Bus;

/// <summary>
/// Issue 23 and 27: a command the gateway cannot carry out is faulted, never dropped with a log line. On a real broker an
/// invalid SendMessage, written by hand as another system would, lands in the gateway's <c>send-message_error</c> queue,
/// once (no retries: retrying cannot make it valid), and a <c>Fault&lt;SendMessage&gt;</c> carrying the reason is published.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class InvalidCommandSpecs
{
    private const string FaultExchange = "MassTransit:Fault--Gateway.Contracts:SendMessage--";

    [Fact]
    public async Task An_invalid_SendMessage_goes_to_the_error_queue_and_a_Fault_with_the_reason_is_published()
    {
        await Servers.FlushRedisAsync();
        var vhost = "invalid-" + Guid.NewGuid().ToString("N")[..8];
        await Servers.AddVhostAsync(vhost);
        try
        {
            var rabbitMq = Servers.RabbitMqOn(vhost);
            await using var faults = await PlainRabbitQueue.BindAsync(FaultExchange, rabbitMq);
            await using var app = new IntegrationGatewayApplication().With("ConnectionStrings:RabbitMq", rabbitMq);
            await Readiness.BusHealthyAsync(app.CreateClient());

            var requestId = "desk-invalid-" + Guid.NewGuid().ToString("N")[..8];
            await PublishAsync(rabbitMq, "Gateway.Contracts:SendMessage", new
            {
                messageId = Guid.NewGuid(),
                messageType = new[] { "urn:message:Gateway.Contracts:SendMessage" },
                message = new { requestId, to = "not-a-number", texts = new Dictionary<string, string> { ["fr"] = "Bonjour" } },
            });

            var fault = Assert.Single(await Wait.ForAsync(() => faults.DrainAsync(), m => m.Count > 0, "a Fault<SendMessage>"));
            var exception = Assert.Single(fault.Envelope.GetProperty("message").GetProperty("exceptions").EnumerateArray());
            Assert.EndsWith("InvalidCommandException", exception.GetProperty("exceptionType").GetString());
            var reason = exception.GetProperty("message").GetString()!;
            Assert.Contains($"SendMessage {requestId} cannot be carried out", reason);
            Assert.Contains("not a valid phone number", reason);
            Assert.Equal(requestId, fault.Envelope.GetProperty("message").GetProperty("message").GetProperty("requestId").GetString());

            var errored = await Wait.ForAsync(() => TakeAllAsync(rabbitMq, "send-message_error"), m => m.Count > 0, "the command in send-message_error");
            var (headers, body) = Assert.Single(errored);
            Assert.Contains(requestId, body);
            Assert.Contains("cannot be carried out", Header(headers, "MT-Fault-Message"));
            // Not retried: MassTransit writes MT-Fault-RetryCount only when the fault came after retries.
            Assert.True(Header(headers, "MT-Fault-RetryCount") is "" or "0", $"retried {Header(headers, "MT-Fault-RetryCount")} times");
        }
        finally
        {
            await Servers.DeleteVhostAsync(vhost);
        }
    }

    private static string Header(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => "",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        } : "";

    private static async Task PublishAsync(string rabbitMq, string exchange, object envelope)
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(exchange, "", mandatory: true, properties, body);
    }

    private static async Task<List<(IDictionary<string, object?>? Headers, string Body)>> TakeAllAsync(string rabbitMq, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var taken = new List<(IDictionary<string, object?>?, string)>();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
                taken.Add((result.BasicProperties.Headers, Encoding.UTF8.GetString(result.Body.Span)));
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The error queue does not exist until the first fault.
        }
        return taken;
    }
}
