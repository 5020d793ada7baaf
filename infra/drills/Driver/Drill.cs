using System.Diagnostics;
using System.Globalization;
using Gateway.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Gateway.Drills;

/// <summary>
/// One drill: an empty Redis, the provider fake, the bus reader, two replicas; the audience subscribed; a poll created
/// on replica 0 and voted on both at once; reports and an alert during the votes; the fault; then the wait until the
/// outside counts stop moving, and the tally.
/// </summary>
public sealed class Drill : IAsyncDisposable
{
    private readonly DrillOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _run = Random.Shared.NextInt64(0, 1L << 30).ToString("x8", CultureInfo.InvariantCulture);
    private DrillProvider? _provider;
    private BusCounter? _bus;
    private Replicas? _replicas;

    private Drill(DrillOptions options) => _options = options;

    public static async Task<Drill> StartAsync(DrillOptions options)
    {
        var drill = new Drill(options);
        await FlushAsync(options.Redis);
        drill._provider = await DrillProvider.StartAsync(drill._clock);
        drill._bus = await BusCounter.StartAsync(options.RabbitMq, drill._run, drill._clock);
        drill._replicas = await Replicas.StartAsync(options, drill._provider.BaseUrl);
        return drill;
    }

    /// <summary>Every primary emptied (one on a single Redis, each master on a cluster): the drill counts what it sent, nothing older.</summary>
    private static async Task FlushAsync(string configuration)
    {
        var config = ConfigurationOptions.Parse(configuration);
        config.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(config);
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            await server.FlushAllDatabasesAsync();
    }

    public async Task<DrillResult> RunAsync()
    {
        var replicas = _replicas!;
        using var webhooks = new Webhooks(replicas, _clock);
        using var admin = new AdminApi(replicas);
        var load = new Load(_options, webhooks, _clock, _run)
        {
            Mode = _options.Fault switch { "webhooks-twice" => Delivering.Twice, "contact-race" => Delivering.Racing, _ => Delivering.Once },
        };
        Log($"run {_run}: replicas at {replicas.Address(0)} and {replicas.Address(1)}, provider at {_provider!.BaseUrl}");

        var audience = await load.SubscribeAsync();
        Log($"{audience.Count} of {_options.Audience} subscribed to Agadir's meetings");

        // The poll is created on replica 0 and voted on both from the next instant: a replica that cannot see it yet loses votes.
        var keyword = "V" + _run.ToUpperInvariant();
        var pollId = await admin.CreatePollAsync(0, keyword);
        var start = _clock.Elapsed;
        Log($"poll {pollId} ({keyword}) created; {_options.Votes} votes at {_options.VotesPerSecond}/s, {_options.Reports} reports, fault '{_options.Fault}' after {_options.FaultAfter.TotalSeconds} s");

        var votes = load.VotesAsync(keyword, start);
        var reports = load.ReportsAsync(start, load.Duration);
        var alertText = $"Drill {_run}: coupure d'eau demain de 9h a 12h";
        var alert = Task.Run(async () =>
        {
            await Task.Delay(_options.FaultAfter / 2);
            return await admin.CreateAlertAsync(0, alertText, "drill-" + _run);
        });
        var fault = Task.Run(async () =>
        {
            await Task.Delay(_options.FaultAfter);
            var window = await new Faults(_options, replicas, _provider, _clock).InjectAsync();
            Log($"fault '{_options.Fault}' from {window.Start.TotalSeconds:F1} s to {window.End.TotalSeconds:F1} s");
            return window;
        });
        await Task.WhenAll(votes, reports, alert, fault);
        Log($"load sent in {(_clock.Elapsed - start).TotalSeconds:F1} s ({webhooks.Retries} retries by the provider: {webhooks.Refusals})");

        var tally = new Tally(_options, pollId, alert.Result, audience, votes.Result, reports.Result, fault.Result, _bus!, _provider, admin, _run);
        await SettleAsync(tally);
        return await tally.CountAsync(webhooks.Retries);
    }

    /// <summary>
    /// Waits until every accepted vote and report is on the bus, the alert completed and its audience received it; or
    /// until nothing moved for a minute (what is missing then is lost); or the settle timeout.
    /// </summary>
    private async Task SettleAsync(Tally tally)
    {
        var deadline = _clock.Elapsed + _options.SettleTimeout;
        var lastProgress = _clock.Elapsed;
        var lastSeen = -1L;
        while (_clock.Elapsed < deadline)
        {
            var (complete, seen) = tally.Progress();
            if (complete)
            {
                // Whatever is still to come would be a double: give the replicas' outboxes a moment to show it.
                await Task.Delay(TimeSpan.FromSeconds(3));
                return;
            }
            if (seen != lastSeen) (lastSeen, lastProgress) = (seen, _clock.Elapsed);
            else if (_clock.Elapsed - lastProgress > TimeSpan.FromMinutes(1)) break;
            await Task.Delay(500);
        }
        Log("the counts stopped short of the load: what is missing is counted lost");
    }

    public static void Log(string line) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}");

    public async ValueTask DisposeAsync()
    {
        if (_replicas is not null) await _replicas.DisposeAsync();
        if (_bus is not null) await _bus.DisposeAsync();
        if (_provider is not null) await _provider.DisposeAsync();
    }

    /// <summary>The gateway's own pseudonymous id of a number (the drill's replicas share the key), to match bus events to votes.</summary>
    public static ContactIds ContactIds { get; } = new(
        new ConfigurationBuilder().AddInMemoryCollection([new("Gateway:PseudonymKey", Replicas.PseudonymKey)]).Build(),
        NullLogger<ContactIds>.Instance);
}
