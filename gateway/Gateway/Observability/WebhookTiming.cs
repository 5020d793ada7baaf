using System.Diagnostics;
using Gateway.Conversations;

namespace Gateway.Observability;

/// <summary>
/// Times every webhook (and simulator) request for <c>gateway_webhook_duration_seconds{channel,provider}</c>. The provider
/// comes from the route; the channel from the conversation step the request committed (Twilio carries SMS and WhatsApp),
/// which the handler reports with <see cref="Mark(HttpContext, ChannelKind)"/>; <c>none</c> when no step committed.
/// </summary>
public sealed class WebhookTiming(RequestDelegate next)
{
    private static readonly object ChannelKey = new();

    /// <summary>
    /// Labels this request with the channel of the conversation step it committed. The handler says so itself: an
    /// <see cref="IStepObserver"/> could only find the request through IHttpContextAccessor, whose registration makes
    /// every request set an AsyncLocal that each await then carries along.
    /// </summary>
    public static void Mark(HttpContext context, ChannelKind channel) => context.Items[ChannelKey] = channel.ToWire();

    /// <summary>
    /// <see cref="Mark(HttpContext, ChannelKind)"/> unless the engine answered a provider's retry from its idempotency
    /// record (<see cref="StepResult.Duplicate"/>): no step committed then.
    /// </summary>
    public static void Mark(HttpContext context, ChannelKind channel, StepResult result)
    {
        if (!result.Duplicate) Mark(context, channel);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var provider = ProviderOf(context.Request.Path);
        if (provider is null)
        {
            await next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var channel = context.Items.TryGetValue(ChannelKey, out var marked) && marked is string wire ? wire : "none";
            GatewayMetrics.ObserveWebhook(channel, provider, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static string? ProviderOf(PathString path)
    {
        if (path.StartsWithSegments("/api/simulator")) return "simulator";
        if (!path.StartsWithSegments("/webhooks", out var rest)) return null;
        var segments = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? null : segments[0] == "ussd" && segments.Length > 1 ? segments[1] : segments[0];
    }
}

/// <summary>Counts conversation steps (<c>gateway_conversation_steps_total</c>).</summary>
public sealed class StepMetrics : IStepObserver
{
    public void Committed(StepContext step, StepResult result) => GatewayMetrics.ConversationSteps.Inc();
}
