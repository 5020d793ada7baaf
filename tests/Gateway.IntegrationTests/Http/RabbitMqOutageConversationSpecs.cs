using System.Collections.Concurrent;
using System.Net;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Http;

/// <summary>RabbitMQ down while citizens talk: conversations go on, events wait in the outbox, and all of them arrive once it returns.</summary>
[Collection(ServersCollection.Name)]
public sealed class RabbitMqOutageConversationSpecs
{
    private const int Citizens = 500;

    [Fact]
    public async Task Five_hundred_subscriptions_made_while_rabbitmq_is_down_all_arrive_exactly_once_after_it_returns()
    {
        await Servers.FlushRedisAsync();
        // Bound before the outage and durable: it exists across the broker's restart and keeps what is published after.
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:ContactOptedIn");
        await using var app = new IntegrationGatewayApplication();
        var http = app.CreateClient();
        await Readiness.BusHealthyAsync(http);

        var contactIds = new ConcurrentBag<string>();
        await Servers.StopAsync("rabbitmq");
        try
        {
            // 500 citizens subscribe to Agadir's meeting alerts, 16 at a time: every webhook answers 200.
            await Parallel.ForEachAsync(Enumerable.Range(0, Citizens), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            {
                var phone = new SimulatorPhone(http, $"+212613000{i:D3}");
                Assert.Contains("Votre commune", (await phone.SendAsync("ABONNER")).Text);
                Assert.Contains("réunions du conseil d'Agadir", (await phone.SendAsync("4")).Text);
                var done = await phone.SendAsync("1");
                Assert.Contains("vous recevrez les dates des réunions d'Agadir", done.Text);
                contactIds.Add(done.ContactId);
            });

            // The events wait in the outbox; the gateway stays in rotation (at worst Degraded, 200) and says how many wait.
            var ready = await Readiness.GetAsync(http);
            Assert.True(ready.Code == HttpStatusCode.OK, ready.ToString());
            Assert.Equal(Citizens, ready.OutboxBacklog);
        }
        finally
        {
            await Servers.StartAsync("rabbitmq");
        }

        await Readiness.OutboxDrainedAsync(http);
        var received = await queue.DrainAsync();

        Assert.Equal(Citizens, contactIds.Distinct().Count());
        Assert.Equal(Citizens, received.Count);
        Assert.Equal(Citizens, received.Select(m => m.MessageId).Distinct().Count());
        var messages = received.Select(m => m.Envelope.GetProperty("message")).ToList();
        Assert.Equal(contactIds.Order(), messages.Select(m => m.GetProperty("contactId").GetString()!).Order());
        Assert.All(messages, m => Assert.Equal(("meetings", "agadir"), (m.GetProperty("topic").GetString(), m.GetProperty("commune").GetString())));
        await Readiness.BusHealthyAsync(http); // see RabbitMqRelaySpecs: no receive endpoint left reconnecting at teardown
    }
}
