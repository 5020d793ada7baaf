using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Tests.Bus;

/// <summary>The relay on the embedded default: in-memory store, MassTransit's in-memory transport.</summary>
public sealed class OutboxRelaySpecs
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_event_committed_with_a_contact_is_published_once_with_its_deterministic_message_id()
    {
        await using var app = new GatewayApplication();
        _ = app.Server; // starts the host: bus and relay
        var received = new List<ConsumeContext<FeedbackReceived>>();
        var handle = app.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint("test-feedback", e =>
            e.Handler<FeedbackReceived>(ctx => { lock (received) received.Add(ctx); return Task.CompletedTask; }));
        await handle.Ready;

        var store = app.Services.GetRequiredService<IContactStore>();
        var feedback = new FeedbackReceived("R-4F7K", "c-abc", "ait-ourir", "water", "Pas d'eau depuis 3 jours", "Douar Tiguert", "sms", "fr", app.Clock.GetUtcNow());
        var messageId = EventIds.Deterministic("FeedbackReceived", "c-abc:R-4F7K");
        var committed = await store.TryCommitAsync(new ContactCommit("c-abc", 0,
            new() { ContactId = "c-abc", Phone = "+212600000001", CreatedAt = app.Clock.GetUtcNow() },
            [new OutboxEvent(messageId, nameof(FeedbackReceived), feedback, app.Clock.GetUtcNow())], [], null), None);
        Assert.True(committed);
        app.Services.GetRequiredService<OutboxSignal>().Notify();

        var outbox = app.Services.GetRequiredService<IOutboxStore>();
        await Wait.ForAsync(() => outbox.BacklogAsync(None), n => n == 0, "the outbox to drain");
        await Wait.ForAsync(() => Task.FromResult(Count(received)), n => n >= 1, "FeedbackReceived");

        var message = Assert.Single(Snapshot(received));
        Assert.Equal(messageId, message.MessageId);
        Assert.Equal(feedback with { }, message.Message);
    }

    [Fact]
    public async Task An_event_of_an_unknown_type_is_moved_to_the_dead_letters_not_dropped()
    {
        await using var app = new GatewayApplication();
        _ = app.Server;
        var store = app.Services.GetRequiredService<IContactStore>();
        var unknown = new OutboxEvent(Guid.NewGuid(), "NoSuchEvent", System.Text.Json.JsonDocument.Parse("""{"x":1}""").RootElement, app.Clock.GetUtcNow());
        var known = new OutboxEvent(Guid.NewGuid(), "Gateway.Storage.StoreJson", System.Text.Json.JsonDocument.Parse("""{"x":1}""").RootElement, app.Clock.GetUtcNow());
        Assert.True(await store.TryCommitAsync(new ContactCommit("c-dead", 0,
            new() { ContactId = "c-dead", Phone = "+212600000002", CreatedAt = app.Clock.GetUtcNow() }, [unknown, known], [], null), None));
        app.Services.GetRequiredService<OutboxSignal>().Notify();

        var deadLetters = app.Services.GetRequiredService<IOutboxDeadLetters>();
        var letters = await Wait.ForAsync(() => deadLetters.ReadDeadLettersAsync(10, None), l => l.Count == 2, "two dead letters");

        Assert.Equal(0, await app.Services.GetRequiredService<IOutboxStore>().BacklogAsync(None));
        var letter = letters.Single(l => l.Event.MessageId == unknown.MessageId);
        Assert.Equal("""{"x":1}""", letter.Event.Payload);
        Assert.Contains("NoSuchEvent", letter.Reason);
        // A type name reaching outside Gateway.Contracts is refused too.
        Assert.Contains(letters, l => l.Event.MessageId == known.MessageId);
    }

    [Fact]
    public async Task An_event_whose_projection_fails_stays_in_the_outbox_and_is_published_once_the_projection_succeeds()
    {
        var projection = new FailingProjection(failures: 2);
        await using var app = new GatewayApplication()
            .With("Outbox:MaxBackoff", "00:00:00.050")
            .WithServices(s => s.AddSingleton<IOutboxProjection>(projection));
        _ = app.Server;
        var received = new List<ConsumeContext<FeedbackReceived>>();
        var handle = app.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint("test-projection", e =>
            e.Handler<FeedbackReceived>(ctx => { lock (received) received.Add(ctx); return Task.CompletedTask; }));
        await handle.Ready;

        var feedback = new FeedbackReceived("R-9Q2P", "c-proj", "ait-ourir", "water", "Fuite", null, "sms", "fr", app.Clock.GetUtcNow());
        await app.Services.GetRequiredService<IOutboxWriter>().AppendAsync("c-proj",
            new OutboxEvent(Guid.NewGuid(), nameof(FeedbackReceived), feedback, app.Clock.GetUtcNow()), None);

        await Wait.ForAsync(() => Task.FromResult(Count(received)), n => n >= 1, "FeedbackReceived after the projection recovered");
        await Wait.ForAsync(() => app.Services.GetRequiredService<IOutboxStore>().BacklogAsync(None), n => n == 0, "the outbox to drain");

        Assert.Equal(3, projection.Calls); // two failures kept the entry; the third application let it go out
        Assert.Single(Snapshot(received));
    }

    [Fact]
    public async Task Events_of_each_contact_arrive_in_the_order_they_were_committed_while_contacts_go_out_together()
    {
        await using var app = new GatewayApplication();
        _ = app.Server;
        var received = new List<FeedbackReceived>();
        var handle = app.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint("test-order", e =>
        {
            e.ConcurrentMessageLimit = 1; // the receiving side must not reorder what it is given
            e.Handler<FeedbackReceived>(ctx => { lock (received) received.Add(ctx.Message); return Task.CompletedTask; });
        });
        await handle.Ready;
        var store = app.Services.GetRequiredService<IContactStore>();
        var now = app.Clock.GetUtcNow();
        string[] contacts = ["c-order-a", "c-order-b", "c-order-c"];

        // Interleaved commits, several events per commit: one relay round reads them all.
        var versions = new Dictionary<string, long>();
        for (var round = 0; round < 4; round++)
        {
            foreach (var contact in contacts)
            {
                var events = Enumerable.Range(0, 3).Select(i => new OutboxEvent(Guid.NewGuid(), nameof(FeedbackReceived),
                    new FeedbackReceived($"R-{round}{i}", contact, null, "water", "x", null, "sms", "fr", now), now)).ToList();
                var outcome = await store.CommitAsync(new ContactCommit(contact, versions.GetValueOrDefault(contact),
                    new() { ContactId = contact, Phone = "+212600000009", CreatedAt = now }, events, [], null), None);
                versions[contact] = Assert.IsType<CommitOutcome.Committed>(outcome).Version;
            }
        }
        app.Services.GetRequiredService<OutboxSignal>().Notify();

        await Wait.ForAsync(() => Task.FromResult(Count(received)), n => n >= 36, "36 FeedbackReceived");
        foreach (var contact in contacts)
        {
            var references = Snapshot(received).Where(m => m.ContactId == contact).Select(m => m.Reference).ToList();
            Assert.Equal([.. Enumerable.Range(0, 4).SelectMany(r => Enumerable.Range(0, 3).Select(i => $"R-{r}{i}"))], references);
        }
    }

    /// <summary>A read model whose store is down for its first <paramref name="failures"/> calls.</summary>
    private sealed class FailingProjection(int failures) : IOutboxProjection
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task ApplyAsync(object message, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new StoreUnavailableException("The projection's store is down.", new TimeoutException())
                : Task.CompletedTask;
    }

    private static int Count<T>(List<T> list) { lock (list) return list.Count; }

    private static List<T> Snapshot<T>(List<T> list) { lock (list) return [.. list]; }
}
