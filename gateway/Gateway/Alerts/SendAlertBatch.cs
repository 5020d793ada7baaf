
namespace Gateway.Alerts;

/// <summary>
/// Internal bus message: send one alert to these contacts. Published by the dispatcher (one per audience page) and
/// consumed by whichever replica is free; a redelivery sends nothing twice (claims are per alert and contact).
/// </summary>
/// <param name="Batch">1-based batch number; the MessageId is derived from (alert, batch).</param>
public sealed record SendAlertBatch(string AlertId, long Batch, IReadOnlyList<string> ContactIds);
