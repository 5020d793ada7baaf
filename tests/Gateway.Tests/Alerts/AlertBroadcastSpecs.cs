using Gateway.Alerts;
using Gateway.Contacts;
using Gateway.Contracts;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Conversations;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations.Ports;

namespace Gateway.Tests.Alerts;

/// <summary>Fan-out through the fake provider: each subscriber once, in their language; skips counted; redeliveries harmless.</summary>
public sealed class AlertBroadcastSpecs
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["fr"] = "Séance du conseil communal mercredi à 18 h.",
        ["ar"] = "دورة المجلس الجماعي يوم الأربعاء على الساعة 18.",
        ["zgh"] = "ⴰⵎⵓⵏ ⵏ ⵓⵙⵇⵇⵉⵎ ⴰⴽⵕⴰⵙ, 18:00.",
    };

    private static string LanguageOf(int i) => (i % 3) switch { 0 => "fr", 1 => "ar", _ => "zgh" };

    [Fact]
    public async Task A_broadcast_to_2000_subscribers_reaches_each_once_in_their_language_and_skips_the_opted_out()
    {
        await using var host = new AlertsHost(app => app.With("Alerts:BatchSize", "150"));
        const int count = 2000;
        bool OptedOut(int i) => i % 50 == 7;
        var rows = Enumerable.Range(0, count).Select(i => new SubscriberRow(AlertsHost.Phone(i), LanguageOf(i), "sms", RecordingSender.Name, OptedOut: OptedOut(i))).ToList();
        Assert.Equal(count, (await host.ImportAsync("casablanca", rows)).Imported);

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be done");

        var optedOut = Enumerable.Range(0, count).Count(OptedOut);
        Assert.Equal(count, done.Counts.Targeted);
        Assert.Equal(count - optedOut, done.Counts.Sent);
        Assert.Equal(optedOut, done.Counts.Skipped);
        Assert.Equal(optedOut, done.Counts.SkippedBy["opted_out"]);
        Assert.True(done.Batches.Published > 1);

        var byPhone = host.Provider.Messages.GroupBy(m => m.Message.To).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(count - optedOut, host.Provider.Messages.Count);
        for (var i = 0; i < count; i++)
        {
            if (OptedOut(i))
            {
                Assert.False(byPhone.ContainsKey(AlertsHost.Phone(i)), $"opted-out {i} got a message");
                continue;
            }
            var message = Assert.Single(byPhone[AlertsHost.Phone(i)]).Message;
            Assert.Equal(LanguageOf(i), message.Reply.Language);
            Assert.Equal(Texts[LanguageOf(i)], message.Reply.Text);
            Assert.Equal(alert.Id, message.Reference);
        }

        var completed = Assert.Single(await host.App.EventsAsync<AlertCompleted>());
        Assert.Equal((alert.Id, "done", (long)count, (long)(count - optedOut), (long)optedOut),
            (completed.AlertId, completed.Status, completed.Targeted, completed.Sent, completed.Skipped));
    }

    [Fact]
    public async Task A_redelivered_batch_sends_nothing_twice()
    {
        await using var host = new AlertsHost();
        var rows = Enumerable.Range(0, 30).Select(i => new SubscriberRow(AlertsHost.Phone(i), LanguageOf(i), "sms", RecordingSender.Name)).ToList();
        await host.ImportAsync("casablanca", rows);
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be done");
        Assert.Equal(30, host.Provider.Messages.Count);

        // The same batch again, as a broker would redeliver it after a lost ack (same batch number, every contact).
        var ids = host.App.Services.GetRequiredService<ContactIds>();
        var harness = host.App.Services.GetRequiredService<ITestHarness>();
        var batch = new SendAlertBatch(alert.Id, 1, rows.Select(r => ids.For(r.Phone)).ToList());
        await host.App.Services.GetRequiredService<IBus>().Publish(batch);
        Assert.True(await harness.Consumed.Any<SendAlertBatch>(c => c.Context.Message.Batch == 1 && c.Context.Message.ContactIds.Count == 30));
        await Wait.ForAsync(() => Task.FromResult(host.App.Consumed<SendAlertBatch>()), n => n >= 2, "both batches consumed");

        var after = await host.GetAsync(alert.Id);
        Assert.Equal(30, host.Provider.Messages.Count);
        Assert.Equal(30, host.Provider.Messages.Select(m => m.Message.To).Distinct().Count());
        Assert.Equal(30, after.Counts.Targeted);
        Assert.Equal(30, after.Counts.Sent);
        Assert.Single(await host.App.EventsAsync<AlertCompleted>());
    }

    [Fact]
    public async Task The_same_BroadcastAlert_command_twice_creates_one_alert()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", Enumerable.Range(0, 10).Select(i => new SubscriberRow(AlertsHost.Phone(i), "fr", "sms", RecordingSender.Name)).ToList());
        var bus = host.App.Services.GetRequiredService<IBus>();
        var command = new BroadcastAlert("req-42", "casablanca", Texts, "meetings", null, null);
        await bus.Publish(command);
        await bus.Publish(command);

        await Wait.ForAsync(() => Task.FromResult(host.App.Consumed<BroadcastAlert>()), n => n >= 2, "both commands consumed");
        var completed = await Wait.ForAsync(() => host.App.EventsAsync<AlertCompleted>(), e => e.Count >= 1, "the alert to complete");

        var alert = await host.GetAsync(Assert.Single(completed).AlertId);
        Assert.Equal(10, alert.Counts.Sent);
        Assert.Equal(10, host.Provider.Messages.Count);
        Assert.Equal(10, host.Provider.Messages.Select(m => m.Message.To).Distinct().Count());
    }

    [Fact]
    public async Task WhatsApp_contacts_outside_the_24_hour_window_get_the_template_path()
    {
        await using var host = new AlertsHost();
        var now = host.App.Clock.GetUtcNow();
        await host.ImportAsync("casablanca", [
            new SubscriberRow(AlertsHost.Phone(1), "fr", "whatsapp", RecordingSender.Name, LastInboundAt: now.AddHours(-2)),
            new SubscriberRow(AlertsHost.Phone(2), "fr", "whatsapp", RecordingSender.Name, LastInboundAt: now.AddDays(-3)),
            new SubscriberRow(AlertsHost.Phone(3), "fr", "whatsapp", RecordingSender.Name),
        ]);
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be done");

        var within = host.Provider.Messages.ToDictionary(m => m.Message.To, m => (m.Message.WithinWindow, m.Message.Channel));
        Assert.Equal((true, ChannelKind.WhatsApp), within[AlertsHost.Phone(1)]);
        Assert.Equal((false, ChannelKind.WhatsApp), within[AlertsHost.Phone(2)]);
        Assert.Equal((false, ChannelKind.WhatsApp), within[AlertsHost.Phone(3)]);
    }

    [Fact]
    public async Task The_daily_cap_skips_contacts_who_already_had_enough_alerts_today()
    {
        await using var host = new AlertsHost(app => app.With("Alerts:DailyCap", "1"));
        await host.ImportAsync("casablanca", [new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", RecordingSender.Name)]);
        var first = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        await host.WaitAsync(first.Id, a => a.Status == AlertStatus.Done, "the first alert");
        var second = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        var done = await host.WaitAsync(second.Id, a => a.Status == AlertStatus.Done, "the second alert");

        Assert.Single(host.Provider.Messages);
        Assert.Equal(1, done.Counts.SkippedBy["daily_cap"]);
    }

    [Fact]
    public async Task Subscription_events_leaving_through_the_outbox_maintain_the_audience_and_unsubscribed_contacts_are_skipped()
    {
        await using var host = new AlertsHost();
        // Imported to the "water" topic: the contact exists, with a channel, but is not in the meetings audience yet.
        await host.ImportAsync("casablanca", [new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", RecordingSender.Name)], topic: "water");
        var id = host.App.Services.GetRequiredService<ContactIds>().For(AlertsHost.Phone(1));
        var audience = host.App.Services.GetRequiredService<IAudienceStore>();
        var outbox = host.App.Services.GetRequiredService<IOutboxWriter>();
        var harness = host.App.Services.GetRequiredService<ITestHarness>();
        var now = host.App.Clock.GetUtcNow();

        await outbox.AppendAsync(id, Event(new ContactOptedIn(id, "casablanca", "meetings", "fr", now), now), default);
        await Wait.ForAsync(() => audience.CountAsync("casablanca", "meetings", default), n => n == 1, "the opt-in to be indexed");
        Assert.True(await harness.Published.Any<ContactOptedIn>(m => m.Context.Message.ContactId == id && m.Context.Message.Topic == "meetings"),
            "the opt-in still goes out on the bus");

        // In the index but its state says it never subscribed to meetings: the fan-out re-reads the state and skips it.
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert");
        Assert.Equal(1, done.Counts.SkippedBy["unsubscribed"]);
        Assert.Empty(host.Provider.Messages);

        await outbox.AppendAsync(id, Event(new ContactOptedOut(id, "casablanca", "meetings", "flow", now), now), default);
        await Wait.ForAsync(() => audience.CountAsync("casablanca", "meetings", default), n => n == 0, "the opt-out to be indexed");
    }

    private static OutboxEvent Event<T>(T message, DateTimeOffset now) where T : class =>
        new(Guid.NewGuid(), typeof(T).Name, message, now);
}
