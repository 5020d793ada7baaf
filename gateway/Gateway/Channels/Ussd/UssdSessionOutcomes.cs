using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Gateway.Channels.Ussd;

/// <summary>How one USSD session ended, as the aggregator reported it.</summary>
/// <param name="Status">Africa's Talking: Success, Incomplete or Failed.</param>
public sealed record UssdSessionEnded(string Provider, string SessionId, string Status, TimeSpan Duration, int Hops, string? ErrorMessage);

/// <summary>
/// Counts how USSD sessions end (a drop in Success or a rise in Failed is the first sign of a slow gateway or a
/// broken menu): a <see cref="Meter"/> for the metrics endpoint, and running totals this process can report.
/// </summary>
public sealed class UssdSessionOutcomes
{
    public const string MeterName = "Gateway.Ussd";

    /// <summary>The status counted for anything but Africa's Talking's documented ones (protocols.md §5).</summary>
    public const string OtherStatus = "Other";

    // The status comes from the request: counting it as sent would let any caller grow the totals and the metric's
    // series without bound (10,000 made-up statuses held ~120 MB), so only the documented values are kept.
    private static readonly string[] KnownStatuses = ["Success", "Incomplete", "Failed"];

    private readonly ConcurrentDictionary<(string Provider, string Status), long> _counts = new();
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _hops;

    public UssdSessionOutcomes(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ended = meter.CreateCounter<long>("gateway.ussd.sessions.ended", description: "USSD sessions ended, by provider and status");
        _duration = meter.CreateHistogram<double>("gateway.ussd.session.duration", unit: "s");
        _hops = meter.CreateHistogram<int>("gateway.ussd.session.hops");
    }

    public void Record(UssdSessionEnded ended)
    {
        ended = ended with { Status = Known(ended.Status) };
        var provider = new KeyValuePair<string, object?>("provider", ended.Provider);
        var status = new KeyValuePair<string, object?>("status", ended.Status);
        _ended.Add(1, provider, status);
        _duration.Record(ended.Duration.TotalSeconds, provider, status);
        _hops.Record(ended.Hops, provider, status);
        _counts.AddOrUpdate((ended.Provider, ended.Status), 1, (_, n) => n + 1);
    }

    /// <summary>The documented status as AT spells it, whatever its case, or <see cref="OtherStatus"/>.</summary>
    public static string Known(string status) =>
        Array.Find(KnownStatuses, s => s.Equals(status, StringComparison.OrdinalIgnoreCase)) ?? OtherStatus;

    /// <summary>Sessions ended so far in this process for a provider and status.</summary>
    public long Count(string provider, string status) => _counts.GetValueOrDefault((provider, status));
}
