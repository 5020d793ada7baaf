using System.Reflection;
using Gateway.Alerts;
using Gateway.Alerts.Storage;
using Gateway.Conversations.Ports;
using Gateway.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>
/// The store failing between a contact's claim and its send (a Redis failover) gives the claim back: the batch's retry
/// sends that contact, once. Kept, the claim would have made the retry skip it (the redis-master drill lost 15 so).
/// </summary>
public sealed class AlertClaimReleaseSpecs
{
    [Fact]
    public async Task A_store_failure_after_the_claim_and_before_the_send_gives_the_claim_back_and_the_retry_sends_it_once()
    {
        var failures = new StoreFailures();
        await using var host = new AlertsHost(app => app.WithServices(s => s.AddSingleton<IAlertStore>(sp =>
            StoreFailures.Wrap(ActivatorUtilities.CreateInstance<InMemoryAlertStore>(sp), failures))));
        await host.ImportAsync("casablanca", [
            new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", RecordingSender.Name),
            new SubscriberRow(AlertsHost.Phone(2), "fr", "sms", RecordingSender.Name)]);
        failures.Arm(nameof(IAlertStore.TryTakeDailyAsync), times: 1);

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = new { fr = "Réunion publique jeudi à 18 h." } });
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be sent");

        Assert.Equal(1, failures.Thrown);
        Assert.Equal((Targeted: 2L, Sent: 2L, Skipped: 0L), (done.Counts.Targeted, done.Counts.Sent, done.Counts.Skipped));
        Assert.Single(host.Provider.To(AlertsHost.Phone(1)));
        Assert.Single(host.Provider.To(AlertsHost.Phone(2)));
    }

    /// <summary>Makes a chosen method of the alert store throw, as Redis does while its primary is replaced.</summary>
    public sealed class StoreFailures
    {
        private string? _method;
        private int _left;
        private int _thrown;

        public int Thrown => _thrown;

        public void Arm(string method, int times) => (_method, _left) = (method, times);

        public static IAlertStore Wrap(IAlertStore inner, StoreFailures failures)
        {
            var proxy = DispatchProxy.Create<IAlertStore, FailingProxy>();
            ((FailingProxy)(object)proxy).Init(inner, failures);
            return proxy;
        }

        internal bool ShouldThrow(string method)
        {
            if (method != _method || Interlocked.Decrement(ref _left) < 0) return false;
            Interlocked.Increment(ref _thrown);
            return true;
        }
    }

    public class FailingProxy : DispatchProxy
    {
        private IAlertStore _inner = null!;
        private StoreFailures _failures = null!;

        internal void Init(IAlertStore inner, StoreFailures failures) => (_inner, _failures) = (inner, failures);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (_failures.ShouldThrow(method!.Name))
                throw new StoreUnavailableException("READONLY You can't write against a read only replica (injected)");
            try { return method.Invoke(_inner, args); }
            catch (TargetInvocationException ex) when (ex.InnerException is not null) { throw ex.InnerException; }
        }
    }
}
