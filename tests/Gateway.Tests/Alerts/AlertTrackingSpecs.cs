using Gateway.Alerts;
using Gateway.Contacts;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Alerts;

/// <summary>Delivery reports move counts; reminders go on their own without a second compose.</summary>
public sealed class AlertTrackingSpecs
{
    [Fact]
    public async Task Status_callbacks_move_sent_messages_to_delivered_or_failed_once()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", Enumerable.Range(0, 5).Select(i => new SubscriberRow(AlertsHost.Phone(i), "fr", "sms", RecordingSender.Name)).ToList());
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = new { fr = "Bonjour" } });
        await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert");

        var ids = host.Provider.Messages.Select(m => m.Id).ToList();
        var bus = host.App.Services.GetRequiredService<IBus>();
        var at = host.App.Clock.GetUtcNow();
        MessageStatusChanged Status(string id, string status) => new(id, RecordingSender.Name, status, null, status == "undelivered" ? "30003" : null, null, at);
        await bus.Publish(Status(ids[0], "sent"));       // interim: nothing moves
        await bus.Publish(Status(ids[0], "delivered"));
        await bus.Publish(Status(ids[1], "delivered"));
        await bus.Publish(Status(ids[1], "delivered"));  // a duplicate report
        await bus.Publish(Status(ids[2], "undelivered"));
        await bus.Publish(Status(ids[0], "failed"));     // after a final status: ignored
        await bus.Publish(Status("unknown-id", "delivered"));

        var counts = (await host.WaitAsync(alert.Id, a => a.Counts.Delivered == 2 && a.Counts.Failed == 1, "the reports to count")).Counts;
        Assert.Equal((5L, 2L, 2L, 1L), (counts.Targeted, counts.Sent, counts.Delivered, counts.Failed));
    }

    [Fact]
    public async Task A_meeting_alert_sends_its_reminders_the_day_before_and_the_morning_of()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", [new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", RecordingSender.Name)]);
        var alert = await host.CreateAsync(new
        {
            commune = "casablanca",
            meeting = new { date = "2026-12-02", time = "18:00", place = new { fr = "salle du conseil" } },
            reminders = new[] { "P1D", "morning" },
        });
        await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert");
        Assert.Equal(2, alert.Reminders.Count);
        Assert.All(alert.Reminders, r => Assert.Equal(AlertStatus.Scheduled, r.Status));

        host.App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-01T18:00:00+01:00"));
        await host.WaitAsync(alert.Reminders[0].Id, a => a.Status == AlertStatus.Done, "the reminder of the day before");
        host.App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-02T08:30:00+01:00"));
        await host.WaitAsync(alert.Reminders[1].Id, a => a.Status == AlertStatus.Done, "the reminder of the morning");

        var texts = host.Provider.Messages.Select(m => m.Message.Reply.Text).ToList();
        Assert.Equal(3, texts.Count);
        Assert.StartsWith("Commune de Casablanca : séance du conseil le mercredi 2 décembre 2026 à 18 h 00", texts[0]);
        Assert.All(texts.Skip(1), t => Assert.StartsWith("Rappel : Commune de Casablanca", t));
    }

    [Fact]
    public async Task Cancelling_an_alert_cancels_its_reminders()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", [new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", RecordingSender.Name)]);
        var alert = await host.CreateAsync(new
        {
            commune = "casablanca",
            sendAt = "2026-11-30T10:00:00+01:00",
            meeting = new { date = "2026-12-02", time = "18:00", place = new { fr = "salle du conseil" } },
            reminders = new[] { "P1D" },
        });
        Assert.Equal(AlertStatus.Scheduled, alert.Status);
        (await host.Client.PostAsync($"/api/alerts/{alert.Id}/cancel", null)).EnsureSuccessStatusCode();

        host.App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-01T18:30:00+01:00"));
        var view = await host.GetAsync(alert.Id);
        Assert.Equal(AlertStatus.Cancelled, view.Status);
        Assert.Equal(AlertStatus.Cancelled, Assert.Single(view.Reminders).Status);
        var completed = await host.App.EventsAsync<AlertCompleted>();
        Assert.Equal(2, completed.Count);
        Assert.Empty(host.Provider.Messages);
    }
}
