using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// Exports .NET meters (the runtime, outbound HTTP, MassTransit) to <c>/metrics</c> the Prometheus way: a counter is a
/// Prometheus counter named <c>…_total</c>, a duration is in seconds named <c>…_seconds</c>, sizes <c>…_bytes</c>; what goes
/// up and down is a gauge. prometheus-net's own adapter types every .NET counter as a gauge without a suffix, starts
/// listening only at the first scrape (so what happened before it was never counted) and forgets a series after five
/// idle minutes: a command consumed before the first scrape, or an hour ago, left no MassTransit series at all.
/// Names follow the instrument (<c>messaging.masstransit.consume</c> → <c>messaging_masstransit_consume_total</c>).
/// </summary>
public sealed class MeterExport : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Func<Instrument, bool> _exported;
    private readonly IMetricFactory _factory;

    public MeterExport(Func<Instrument, bool> exported, CollectorRegistry registry)
    {
        _exported = exported;
        _factory = Metrics.WithCustomRegistry(registry);
        _listener.InstrumentPublished = OnPublished;
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
        _listener.Start();
        // Observable instruments (the runtime's heap sizes, GC counts) are read when Prometheus scrapes.
        registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        if (!_exported(instrument)) return;
        if (Series.For(instrument, _factory) is { } series) listener.EnableMeasurementEvents(instrument, series);
    }

    private static void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state) where T : struct
    {
        if (state is not Series series) return;
        double value = measurement switch
        {
            byte x => x,
            short x => x,
            int x => x,
            long x => x,
            float x => x,
            double x => x,
            decimal x => (double)x,
            _ => double.NaN,
        };
        if (!double.IsNaN(value)) series.Record(value, tags);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>One instrument's Prometheus metric. Label names are fixed by the first measurement's tags (a tag missing later is empty).</summary>
    private sealed class Series(Instrument instrument, IMetricFactory factory, Kind kind, string name, double scale)
    {
        private readonly Lock _gate = new();
        private string[]? _tagKeys;
        private Collector? _metric;
        private readonly ConcurrentDictionary<string, object> _children = new(StringComparer.Ordinal);

        public static Series? For(Instrument instrument, IMetricFactory factory)
        {
            var type = instrument.GetType().GetGenericTypeDefinition();
            // MassTransit counts work in progress (".active") on a Counter that it decrements: it is a gauge.
            var upDown = instrument.Name.EndsWith(".active", StringComparison.Ordinal);
            var kind =
                type == typeof(Counter<>) ? (upDown ? Kind.UpDown : Kind.Counter)
                : type == typeof(ObservableCounter<>) ? Kind.ObservedCounter
                : type == typeof(UpDownCounter<>) ? Kind.UpDown
                : type == typeof(ObservableUpDownCounter<>) || type == typeof(ObservableGauge<>) ? Kind.ObservedGauge
                : type == typeof(Histogram<>) ? Kind.Histogram
                : (Kind?)null;
            if (kind is null) return null;
            var (suffix, scale) = Unit(instrument.Unit);
            var name = PrometheusName(instrument.Name);
            if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal)) name += "_" + suffix;
            if (kind is Kind.Counter or Kind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
            return new Series(instrument, factory, kind.Value, name, scale);
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (_metric is null) Create(tags);
            var keys = _tagKeys!;
            var values = new string[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                values[i] = "";
                foreach (var tag in tags)
                    if (tag.Key == keys[i]) { values[i] = tag.Value?.ToString() ?? ""; break; }
            }
            var child = Child(values);
            value *= scale;
            switch (child)
            {
                case Counter.Child counter when kind == Kind.ObservedCounter: counter.IncTo(value); break;
                case Counter.Child counter when value >= 0: counter.Inc(value); break;
                case Gauge.Child gauge when kind == Kind.ObservedGauge: gauge.Set(value); break;
                case Gauge.Child gauge: gauge.Inc(value); break;
                case Histogram.Child histogram: histogram.Observe(value); break;
            }
        }

        private object Child(string[] values)
        {
            var key = string.Join('\u001f', values);
            if (_children.TryGetValue(key, out var child)) return child;
            return _children.GetOrAdd(key, _ => _metric switch
            {
                Counter c => c.WithLabels(values),
                Gauge g => g.WithLabels(values),
                Histogram h => h.WithLabels(values),
                _ => throw new InvalidOperationException(name),
            });
        }

        private void Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var keys = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++) keys[i] = tags[i].Key;
            lock (_gate)
            {
                if (_metric is not null) return;
                _tagKeys = keys;
                var labels = keys.Select(PrometheusName).ToArray();
                var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
                _metric = kind switch
                {
                    Kind.Counter or Kind.ObservedCounter => factory.CreateCounter(name, help, labels),
                    Kind.Histogram => factory.CreateHistogram(name, help, labels, new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) }),
                    _ => (Collector)factory.CreateGauge(name, help, labels),
                };
            }
        }

        /// <summary>The Prometheus base unit and the factor to it, for the units .NET meters use (UCUM).</summary>
        private static (string Suffix, double Scale) Unit(string? unit) => unit switch
        {
            "s" => ("seconds", 1),
            "ms" => ("seconds", 0.001),
            "By" => ("bytes", 1),
            _ => ("", 1), // "{request}", "ea", "1": a count, no suffix
        };

        private static string PrometheusName(string name)
        {
            var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
            return char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
        }
    }

    private enum Kind { Counter, ObservedCounter, UpDown, ObservedGauge, Histogram }
}
