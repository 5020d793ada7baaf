using System.Diagnostics.Metrics;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// Which .NET meters and event sources prometheus-net exports beside the gateway's own metrics. By default it listens
/// to every meter and enables the ASP.NET Core and Kestrel event sources at Informational level, which makes the
/// framework write and dispatch several events and measurements per request: CPU on the hot path for series that
/// duplicate <c>gateway_webhook_duration_seconds</c>. Kept: the runtime (GC, allocations, thread pool), outbound HTTP
/// to the providers' APIs, and MassTransit's bus series.
/// </summary>
public static class FrameworkMetrics
{
    private static readonly string[] ExportedMeters = ["System.Runtime", "System.Net.Http", "MassTransit"];

    public static bool IsExported(Instrument instrument) =>
        ExportedMeters.Any(name => instrument.Meter.Name.StartsWith(name, StringComparison.Ordinal));

    public static bool IsExportedEventSource(string name) => name == "System.Runtime";

    /// <summary>Once per process, before the first metric is created (the adapters start with the default registry).</summary>
    public static void Configure()
    {
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = IsExported);
        Metrics.ConfigureEventCounterAdapter(o => o.EventSourceFilterPredicate = IsExportedEventSource);
    }
}
