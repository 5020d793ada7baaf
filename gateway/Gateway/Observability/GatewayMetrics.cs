using Gateway.Conversations;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// The gateway's Prometheus metrics (served at <c>/metrics</c>). Static because metrics are process-wide;
/// other code calls the small helpers, e.g. <c>GatewayMetrics.ObserveWebhook(ChannelKind.Sms, "twilio", seconds)</c>.
/// Labels are low-cardinality by design: never a phone number, contact id or message id.
/// </summary>
public static class GatewayMetrics
{
    /// <summary><c>gateway_webhook_duration_seconds{channel,provider}</c>: time from request to reply.</summary>
    public static readonly Histogram WebhookDuration = Metrics.CreateHistogram(
        "gateway_webhook_duration_seconds",
        "Time to handle a provider webhook, from request to reply.",
        new HistogramConfiguration
        {
            LabelNames = ["channel", "provider"],
            // 1 ms … ~4 s: webhooks should answer in tens of ms; providers time out after a few seconds.
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 13),
        });

    /// <summary><c>gateway_conversation_steps_total</c>: conversation steps the engine completed.</summary>
    public static readonly Counter ConversationSteps = Metrics.CreateCounter(
        "gateway_conversation_steps_total", "Conversation steps handled by the engine.");

    /// <summary><c>gateway_outbox_backlog</c>: events committed and not yet confirmed by the broker.</summary>
    public static readonly Gauge OutboxBacklog = Metrics.CreateGauge(
        "gateway_outbox_backlog", "Events waiting in the outbox for the bus.");

    /// <summary><c>gateway_outbox_publish_failures_total</c>: publishes the broker refused or did not confirm in time.</summary>
    public static readonly Counter OutboxPublishFailures = Metrics.CreateCounter(
        "gateway_outbox_publish_failures_total", "Outbox publishes that failed (broker down or unconfirmed); the events were kept and retried.");

    /// <summary><c>gateway_outbox_dead_lettered_total</c>: events the relay could never publish, kept aside (GET /api/outbox/dead-letters).</summary>
    public static readonly Counter OutboxDeadLettered = Metrics.CreateCounter(
        "gateway_outbox_dead_lettered_total", "Outbox events moved to the dead letters (unknown type, unreadable payload): kept, not published.");

    /// <summary><c>gateway_messages_sent_total{provider,outcome}</c>: outbound messages by provider and outcome.</summary>
    public static readonly Counter MessagesSentTotal = Metrics.CreateCounter(
        "gateway_messages_sent_total", "Outbound messages handed to a provider, by outcome.",
        new CounterConfiguration { LabelNames = ["provider", "outcome"] });

    public static void ObserveWebhook(string channel, string provider, double seconds) =>
        WebhookDurations.GetOrAdd((channel, provider), static key => WebhookDuration.WithLabels(key.Channel, key.Provider)).Observe(seconds);

    /// <summary>The labelled histograms, kept: <c>WithLabels</c> takes a lock and allocates its label array on every call.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Channel, string Provider), Histogram.Child> WebhookDurations = new();

    public static void ObserveWebhook(ChannelKind channel, string provider, double seconds) =>
        ObserveWebhook(channel.ToWire(), provider, seconds);

    /// <summary>Counts one outbound message, e.g. <c>MessagesSent("twilio", "accepted")</c>.</summary>
    public static void MessagesSent(string provider, string outcome) => MessagesSentTotal.WithLabels(provider, outcome).Inc();
}
