using Prometheus;

namespace Gateway.Webhooks;

internal static class WebhookMetrics
{
    public static readonly Counter Attempts = Metrics.CreateCounter(
        "gateway_webhook_attempts_total", "Outbound webhook delivery attempts, by outcome (delivered, failed).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    public static readonly Counter Stopped = Metrics.CreateCounter(
        "gateway_webhook_subscriptions_stopped_total", "Webhook subscriptions stopped after a long failure.");
}
