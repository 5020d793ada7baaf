using Gateway.Channels;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage;
using Gateway.Storage.Redis;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Gateway.Conversations.Ports;
using Gateway.Outbound;

namespace Gateway.IntegrationTests.Bus;

/// <summary>
/// A brand-new broker has no exchange and no queue, and RabbitMQ drops what is published to an exchange nothing is bound
/// to. The relay connects faster than MassTransit binds the gateway's own queues: a reply already waiting in the outbox
/// (a gateway redeployed onto a new broker) must wait for them, not vanish.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class FreshBrokerSpecs
{
    /// <summary>
    /// Holds MassTransit's start for a moment, as a slow broker or many endpoints do, so that the relay surely publishes
    /// before the gateway's queues exist (without it the race is usually won by MassTransit, and the test proved nothing).
    /// </summary>
    private sealed class SlowBusStart : IBusObserver
    {
        public void PostCreate(IBus bus) { }
        public void CreateFaulted(Exception exception) { }
        public Task PreStart(IBus bus) => Task.Delay(TimeSpan.FromSeconds(3));
        public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;
        public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;
        public Task PreStop(IBus bus) => Task.CompletedTask;
        public Task PostStop(IBus bus) => Task.CompletedTask;
        public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
    }

    [Fact]
    public async Task A_reply_waiting_in_the_outbox_reaches_the_gateways_own_consumer_on_a_brand_new_broker()
    {
        await Servers.FlushRedisAsync();
        var vhost = $"fresh-{Guid.NewGuid():N}";
        await Servers.AddVhostAsync(vhost);
        try
        {
            await CommitReplyAsync("c-fresh-broker", "+212600000077", "Merci, votre avis est bien reçu.");
            var sender = new RecordingSender();
            await using var app = new IntegrationGatewayApplication()
                .With("ConnectionStrings:RabbitMq", Servers.RabbitMqOn(vhost))
                .WithServices(s =>
                {
                    s.AddSingleton<IMessageSender>(sender);
                    s.AddBusObserver<SlowBusStart>();
                });
            _ = app.Server; // the relay finds the reply at its first round

            await Wait.ForAsync(() => Task.FromResult(sender.Messages.Count), n => n > 0, "the gateway's DeliverReply consumer to send the reply");
            var message = Assert.Single(sender.Messages).Message;
            Assert.Equal("+212600000077", message.To);
            Assert.Equal("Merci, votre avis est bien reçu.", message.Reply.Text);
        }
        finally
        {
            await Servers.DeleteVhostAsync(vhost);
        }
    }

    /// <summary>Commits, before any gateway runs, a step whose reply leaves through the outbox (as a WhatsApp reply does).</summary>
    private static async Task CommitReplyAsync(string contactId, string phone, string text)
    {
        await using var redis = Servers.ConnectRedis();
        IContactStore store = new RedisStore(redis, NullLogger<RedisStore>.Instance);
        var now = DateTimeOffset.UtcNow;
        var reply = new DeliverReply("wamid.fresh:0", contactId, phone, null, "whatsapp", "fake", text, "fr", [], now);
        var outboxEvent = new OutboxEvent(Guid.NewGuid(), nameof(DeliverReply), reply, now);
        var state = new ContactState { ContactId = contactId, Phone = phone, CreatedAt = now };
        Assert.True(await store.TryCommitAsync(new ContactCommit(contactId, ContactVersions.Absent, state, [outboxEvent], [], null), CancellationToken.None));
    }
}
