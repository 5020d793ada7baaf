using System.Collections.Concurrent;
using Gateway.Bus;
using Gateway.Contracts;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations.Ports;

namespace Gateway.IntegrationTests.Bus;

/// <summary>
/// The relay publishes committed events straight to RabbitMQ (not through MassTransit's publish pipeline): a system
/// consuming them with MassTransit, its exchange and queue declared by MassTransit itself, must receive them whole.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class MassTransitConsumerCompatibilitySpecs
{
    [Fact]
    public async Task An_event_the_relay_publishes_reaches_a_masstransit_consumer_whole_with_its_message_id()
    {
        await Servers.FlushRedisAsync();
        var received = new ConcurrentDictionary<Guid, ConsumeContext<FeedbackReceived>>();
        var address = RabbitMqAddress.Parse(Servers.RabbitMq);
        // Another system's bus, started before the gateway: MassTransit declares the exchange and binds its queue first.
        var otherSystem = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
            });
            cfg.ReceiveEndpoint($"complaint-desk-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<FeedbackReceived>(context =>
                {
                    if (context.MessageId is { } id) received[id] = context;
                    return Task.CompletedTask;
                });
            });
        });
        await otherSystem.StartAsync(TimeSpan.FromSeconds(30));
        try
        {
            await using var app = new IntegrationGatewayApplication();
            var store = app.Services.GetRequiredService<IContactStore>();
            _ = app.Server; // start the relay

            var id = await Commits.CommitFeedbackAsync(store, "c-mt-compat", "R-9QX2");
            app.Services.GetRequiredService<OutboxSignal>().Notify();

            await Wait.ForAsync(() => Task.FromResult(received.ContainsKey(id)), seen => seen, "the MassTransit consumer to receive the feedback");
            var context = received[id];
            var expected = Commits.Feedback("c-mt-compat", "R-9QX2");
            Assert.Equal(expected with { ReceivedAt = context.Message.ReceivedAt }, context.Message);
            Assert.Equal(1, context.Message.Version);
            Assert.Equal("rabbitmq", context.DestinationAddress?.Scheme);
            Assert.EndsWith("/Gateway.Contracts:FeedbackReceived", context.DestinationAddress?.AbsolutePath);
            Assert.Contains("urn:message:Gateway.Contracts:FeedbackReceived", context.SupportedMessageTypes);
            Assert.Single(received);
        }
        finally
        {
            await otherSystem.StopAsync(TimeSpan.FromSeconds(10));
        }
    }
}
