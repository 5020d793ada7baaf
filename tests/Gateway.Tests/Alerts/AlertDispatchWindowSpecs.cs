using Gateway.Alerts;
using Gateway.Channels;
using Gateway.Contacts;
using Gateway.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Alerts;

/// <summary>
/// Issue 23: an alert's fan-out holds a bounded window of recipients however large its audience. The dispatch publishes
/// at most <c>Alerts:DispatchWindow</c> batches ahead of the batches done, so a slow provider keeps the audience in its
/// store instead of queueing all of it on the bus (and in memory, on the in-memory transport).
/// </summary>
public sealed class AlertDispatchWindowSpecs
{
    /// <summary>A provider that accepts one message each time the test lets it.</summary>
    private sealed class MeteredSender : IMessageSender
    {
        private readonly SemaphoreSlim _allowed = new(0);
        private long _sent;
        public string Provider => "metered";
        public long Sent => Interlocked.Read(ref _sent);
        public void Allow(int messages) => _allowed.Release(messages);

        public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            await _allowed.WaitAsync(cancellationToken);
            return SendOutcome.Ok("M" + Interlocked.Increment(ref _sent));
        }
    }

    [Fact]
    public async Task A_slow_provider_keeps_the_dispatch_within_its_window_of_batches_and_every_subscriber_still_gets_the_alert()
    {
        const int subscribers = 40, batchSize = 2, window = 3;
        var provider = new MeteredSender();
        await using var host = new AlertsHost(app => app
            .With("Alerts:BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Alerts:DispatchWindow", window.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Alerts:BatchConcurrency", "1")
            .With("Alerts:SendParallelism", "1")
            .With("Alerts:DailyCap", "0")
            .WithServices(s => s.AddSingleton<IMessageSender>(provider)));
        var rows = Enumerable.Range(0, subscribers).Select(i => new SubscriberRow(AlertsHost.Phone(i), "fr", "sms", provider.Provider)).ToList();
        Assert.Equal(subscribers, (await host.ImportAsync("casablanca", rows)).Imported);

        var alert = await host.CreateAsync(new { commune = "casablanca", texts = new Dictionary<string, string> { ["fr"] = "Coupure d'eau demain de 8 h à 12 h." } });

        // Each observation is taken while the provider holds the fan-out back; without the window the dispatch publishes
        // all 20 batches at once.
        var widest = 0L;
        while (provider.Sent < subscribers)
        {
            var view = await host.GetAsync(alert.Id);
            widest = Math.Max(widest, view.Batches.Published - view.Batches.Done);
            var before = provider.Sent;
            provider.Allow(1);
            await Wait.ForAsync(() => Task.FromResult(provider.Sent), n => n > before, "the provider's next send");
        }

        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be done");
        Assert.Equal(subscribers, done.Counts.Sent);
        Assert.Equal(subscribers / batchSize, done.Batches.Published);
        Assert.InRange(widest, 1, window);
    }
}
