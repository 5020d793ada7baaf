using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Http;

/// <summary>
/// The gateway starts while RabbitMQ is down (a host rebooted, the broker slower to come back): webhooks answer, events
/// wait in the outbox, and once the broker is up the events arrive and the gateway's own consumers run. The relay waits
/// for MassTransit's endpoints before its first publish, so this also proves MassTransit recovers from a start that failed.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BrokerDownAtStartSpecs
{
    [Fact]
    public async Task Started_with_rabbitmq_down_the_gateway_answers_then_delivers_its_events_and_consumes_commands_once_it_is_up()
    {
        const string citizen = "+212614000001", commanded = "+212614000002";
        await Servers.FlushRedisAsync();
        // Durable and bound before the outage: it keeps what is published once the broker returns.
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:ContactOptedIn");
        await using var app = new IntegrationGatewayApplication(); // its host starts with the first client, below
        await Servers.StopAsync("rabbitmq");
        try
        {
            var http = app.CreateClient();
            var phone = new SimulatorPhone(http, citizen);
            Assert.Contains("Votre commune", (await phone.SendAsync("ABONNER")).Text);
            Assert.Contains("Agadir", (await phone.SendAsync("4")).Text);
            Assert.Contains("vous recevrez les dates des réunions d'Agadir", (await phone.SendAsync("1")).Text);

            var ready = await Readiness.GetAsync(http);
            Assert.True(ready.Code == HttpStatusCode.OK, ready.ToString());
            Assert.Equal(1, ready.OutboxBacklog);
        }
        finally
        {
            await Servers.StartAsync("rabbitmq");
        }

        var client = app.CreateClient();
        await Readiness.OutboxDrainedAsync(client);
        var received = await queue.DrainAsync();
        var optedIn = Assert.Single(received).Envelope.GetProperty("message");
        Assert.Equal("agadir", optedIn.GetProperty("commune").GetString());

        // Commands reach the gateway's consumers too (their queues were declared after the failed start).
        await Readiness.BusHealthyAsync(client);
        await PlainRabbitPublisher.PublishAsync("Gateway.Contracts:StartFlow", new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Gateway.Contracts:StartFlow" },
            message = new { requestId = "desk-" + Guid.NewGuid().ToString("N")[..8], to = commanded, flowId = "subscribe", channel = "sms" },
        });
        var sent = await Wait.ForAsync(() => client.GetFromJsonAsync<JsonElement[]>("/api/simulator/messages?to=%2B212614000002"),
            m => m!.Length > 0, "the gateway to message the commanded contact");
        Assert.Contains("Votre commune ?", Assert.Single(sent!).GetProperty("text").GetString());
    }
}
