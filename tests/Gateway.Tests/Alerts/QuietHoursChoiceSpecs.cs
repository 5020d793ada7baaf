using System.Net;
using System.Net.Http.Json;
using Gateway.Admin.Audit;
using Gateway.Alerts;
using Gateway.Contacts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Alerts;

/// <summary>Quiet hours as a choice (<c>quietHours: hold | send</c> on <c>POST /api/alerts</c>) and the switch that turns them off.</summary>
public sealed class QuietHoursChoiceSpecs
{
    private static readonly object Texts = new Dictionary<string, string> { ["fr"] = "Coupure d'eau cette nuit, quartier Dakhla." };
    private static readonly DateTimeOffset Night = DateTimeOffset.Parse("2026-11-24T22:30:00+01:00");
    private const string ObserverKey = "observer-key-0000001";

    private static List<SubscriberRow> Subscribers(int count) =>
        Enumerable.Range(0, count).Select(i => new SubscriberRow(AlertsHost.Phone(i), "fr", "sms", RecordingSender.Name)).ToList();

    [Fact]
    public async Task An_urgent_alert_goes_at_night_and_the_audit_log_names_who_chose_to_send_it()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", Subscribers(5));
        host.App.Clock.SetUtcNow(Night);

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts, quietHours = "send" });
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the urgent alert to go at night");

        Assert.Equal("send", done.QuietHours);
        Assert.Null(done.HeldUntil);
        Assert.Equal(5, host.Provider.Messages.Count);
        var audit = (await host.Client.GetFromJsonAsync<List<AuditEntry>>("/api/audit?max=50", AlertsHost.Json))!;
        var choice = Assert.Single(audit, e => e.Action == AlertsApi.UrgentAuditAction);
        Assert.Equal("programme", choice.Actor);
        Assert.Contains($"id={alert.Id}", choice.Target);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hold")]
    public async Task Without_the_urgent_choice_an_alert_at_night_waits_for_the_morning(string? quietHours)
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", Subscribers(3));
        host.App.Clock.SetUtcNow(Night);

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts, quietHours });
        var held = await host.WaitAsync(alert.Id, a => a.HeldUntil is not null, "the alert to be held");

        Assert.Equal("hold", held.QuietHours);
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T08:00:00+01:00"), held.HeldUntil);
        Assert.Empty(host.Provider.Messages);
        var audit = (await host.Client.GetFromJsonAsync<List<AuditEntry>>("/api/audit?max=50", AlertsHost.Json))!;
        Assert.DoesNotContain(audit, e => e.Action == AlertsApi.UrgentAuditAction);
    }

    [Theory]
    [InlineData("now")]
    [InlineData("urgent")]
    public async Task An_unknown_quiet_hours_choice_is_refused_by_name(string quietHours)
    {
        await using var host = new AlertsHost();
        var response = await host.Client.PostAsJsonAsync("/api/alerts", new { commune = "casablanca", texts = Texts, quietHours }, AlertsHost.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"quietHours\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_observer_cannot_send_an_urgent_alert()
    {
        await using var host = new AlertsHost(app => app.With("Admin:ApiKeys:2:Key", ObserverKey).With("Admin:ApiKeys:2:Role", "observer"));
        using var observer = host.CreateClient(ObserverKey);
        var response = await observer.PostAsJsonAsync("/api/alerts", new { commune = "casablanca", texts = Texts, quietHours = "send" }, AlertsHost.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Provider.Messages);
    }

    [Theory]
    [InlineData("Alerts:QuietHours:Enabled", "false")]
    [InlineData("Alerts:CommuneQuietHours:casablanca:Enabled", "false")]
    public async Task Quiet_hours_switched_off_hold_nothing_at_night(string setting, string value)
    {
        await using var host = new AlertsHost(app => app.With(setting, value));
        await host.ImportAsync("casablanca", Subscribers(3));
        host.App.Clock.SetUtcNow(Night);

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = Texts });
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to go at night");

        Assert.Null(done.HeldUntil);
        Assert.Equal(3, host.Provider.Messages.Count);
    }
}
