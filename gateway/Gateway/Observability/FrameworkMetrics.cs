using System.Diagnostics.Metrics;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// Which .NET meters <c>/metrics</c> exports beside the gateway's own metrics, through <see cref="MeterExport"/> (Prometheus
/// names: <c>…_total</c>, <c>…_seconds</c>, <c>…_bytes</c>). Kept: the runtime (<c>System.Runtime</c>: GC, allocations, JIT,
/// thread pool), outbound HTTP to the providers' APIs (<c>System.Net.Http</c>) and MassTransit's bus series. Left out:
/// ASP.NET Core's and Kestrel's per-request meters, CPU on the hot path for series that duplicate
/// <c>gateway_webhook_duration_seconds</c>, and the runtime's event counters, which repeat the System.Runtime meter as gauges.
/// </summary>
public static class FrameworkMetrics
{
    private static readonly string[] ExportedMeters = ["System.Runtime", "System.Net.Http", InstrumentationOptions.MeterName];
    private static readonly Lock Gate = new();
    private static MeterExport? _export;

    public static bool IsExported(Instrument instrument) =>
        ExportedMeters.Any(name => instrument.Meter.Name == name || instrument.Meter.Name.StartsWith(name + ".", StringComparison.Ordinal));

    /// <summary>Once per process, before the first metric is scraped (the registry, like the metrics, is process-wide).</summary>
    public static void Configure()
    {
        lock (Gate)
        {
            if (_export is not null) return;
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = true });
            // MassTransit creates its meter once per process, from the first host's meter factory, which disposes it with
            // that host: a process-wide meter instead, like this registry (tests run many hosts in one process).
            var options = new InstrumentationOptions();
            new ConfigureDefaultInstrumentationOptions().Configure(options);
            LogContextInstrumentationExtensions.TryConfigure(options);
            _export = new MeterExport(IsExported, Metrics.DefaultRegistry);
        }
    }
}
