using Gateway.Alerts;
using Gateway.Contacts;
using Gateway.Tests.Channels;
using Gateway.Tests.Channels.Twilio;

namespace Gateway.Tests.Alerts;

/// <summary>
/// A provider that answers after the attempt timeout may still have taken the message. The alert does not send it
/// again (the drills saw every such message reach its citizen twice): it counts it apart, as unconfirmed.
/// </summary>
public sealed class AlertUnconfirmedSendSpecs
{
    [Fact]
    public async Task A_send_the_provider_answers_too_late_is_counted_unconfirmed_and_never_sent_twice()
    {
        var table = TwilioOutgoingCases.Table;
        await using var api = await CannedProviderApi.StartNewAsync([table.Success with { Delay = TimeSpan.FromSeconds(5) }, table.Success]);
        await using var host = new AlertsHost(app =>
        {
            foreach (var (key, value) in table.BaseSettings) app.With(key, value?.Replace("{api}", api.BaseUrl));
            app.With("Twilio:Retry:AttemptTimeout", "00:00:00.300");
        });
        await host.ImportAsync("casablanca", [
            new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", "twilio"),
            new SubscriberRow(AlertsHost.Phone(2), "fr", "sms", "twilio")]);

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = new { fr = "Coupure d'eau demain de 8 h à 12 h." } });
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be sent");

        Assert.Equal((Targeted: 2L, Sent: 1L, Unconfirmed: 1L, Failed: 0L), (done.Counts.Targeted, done.Counts.Sent, done.Counts.Unconfirmed, done.Counts.Failed));
        // Done means every send returned: two recipients, two requests, the slow one not repeated.
        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(2, api.Requests.Select(r => r.Field("To")).Distinct().Count());
    }
}
