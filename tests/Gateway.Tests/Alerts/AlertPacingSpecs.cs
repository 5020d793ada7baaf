using System.Net;
using Gateway.Alerts;
using Gateway.Contacts;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Alerts;

/// <summary>Quiet hours, cancel, retries and the rate limit on the embedded host.</summary>
public sealed class AlertPacingSpecs
{
    private static readonly object Texts = new Dictionary<string, string> { ["fr"] = "Coupure d'eau demain de 9 h a 12 h." };

    private static List<SubscriberRow> Subscribers(int count) =>
        Enumerable.Range(0, count).Select(i => new SubscriberRow(AlertsHost.Phone(i), "fr", "sms", RecordingSender.Name)).ToList();

    [Fact]
    public async Task An_alert_composed_at_night_is_held_until_the_morning()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", Subscribers(20));
        host.App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-24T22:30:00+01:00"));

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        var held = await host.WaitAsync(alert.Id, a => a.HeldUntil is not null, "the scheduler to hold the alert");

        Assert.Equal(DateTimeOffset.Parse("2026-11-25T08:00:00+01:00"), held.HeldUntil);
        Assert.Equal(AlertStatus.Scheduled, held.Status);
        Assert.Empty(host.Provider.Messages);

        host.App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T07:59:00+01:00"));
        await host.WaitAsync(alert.Id, a => a.HeldUntil is not null, "still held");
        Assert.Empty(host.Provider.Messages);

        host.App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T08:00:00+01:00"));
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to go in the morning");
        Assert.Equal(20, done.Counts.Sent);
        Assert.Equal(20, host.Provider.Messages.Count);
    }

    [Fact]
    public async Task Per_commune_quiet_hours_override_the_default()
    {
        await using var host = new AlertsHost(app => app
            .With("Alerts:CommuneQuietHours:casablanca:Start", "12:00")
            .With("Alerts:CommuneQuietHours:casablanca:End", "14:00"));
        await host.ImportAsync("casablanca", Subscribers(3));
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts }); // the clock says 12:00 in Casablanca

        var held = await host.WaitAsync(alert.Id, a => a.HeldUntil is not null, "the alert to be held");
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T14:00:00+01:00"), held.HeldUntil);
        Assert.Empty(host.Provider.Messages);
    }

    [Fact]
    public async Task Cancel_mid_way_stops_what_has_not_gone_and_completes_once()
    {
        await using var host = new AlertsHost(app => app.With("Alerts:RateLimits:fake", "4").With("Alerts:BatchSize", "10"));
        await host.ImportAsync("casablanca", Subscribers(40));
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        await host.WaitAsync(alert.Id, a => a.Counts.Sent >= 3, "a few messages to go");

        var cancel = await host.Client.PostAsync($"/api/alerts/{alert.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var settled = await host.WaitAsync(alert.Id, a => a.Batches.Done == a.Batches.Published && a.Batches.Dispatched || a.Batches.Published == 0,
            "the batches in flight to settle");

        Assert.Equal(AlertStatus.Cancelled, settled.Status);
        Assert.InRange(host.Provider.Messages.Count, 3, 39);
        Assert.Equal(host.Provider.Messages.Count, settled.Counts.Sent);
        var completed = Assert.Single(await host.App.EventsAsync<AlertCompleted>());
        Assert.Equal("cancelled", completed.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.PostAsync($"/api/alerts/{alert.Id}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task A_failing_send_is_retried_then_counted_failed()
    {
        await using var host = new AlertsHost(app => app.With("Alerts:SendAttempts", "3"));
        await host.ImportAsync("casablanca", Subscribers(3));
        host.Provider.Failing[AlertsHost.Phone(1)] = 1;
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert");

        Assert.Equal(3, host.Provider.Attempts[AlertsHost.Phone(1)]);
        Assert.Equal((2L, 1L), (done.Counts.Sent, done.Counts.Failed));
    }

    [Fact]
    public async Task Sends_through_a_paced_provider_never_exceed_its_rate_in_any_second()
    {
        const int rate = 10;
        await using var host = new AlertsHost(app => app.With("Alerts:RateLimits:fake", rate.ToString()).With("Alerts:BatchSize", "10"));
        await host.ImportAsync("casablanca", Subscribers(30));
        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert");

        var times = host.Provider.Messages.Select(m => m.At).Order().ToList();
        Assert.Equal(30, times.Count);
        Assert.True(RateWindows.MaxInAnySecond(times) <= rate, $"{RateWindows.MaxInAnySecond(times)} sends in one second");
    }
}

public static class RateWindows
{
    /// <summary>The most timestamps in any half-open window [t, t + 1 s).</summary>
    public static int MaxInAnySecond(IReadOnlyList<DateTime> sorted)
    {
        int max = 0, start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= TimeSpan.FromSeconds(1)) start++;
            max = Math.Max(max, end - start + 1);
        }
        return max;
    }
}
