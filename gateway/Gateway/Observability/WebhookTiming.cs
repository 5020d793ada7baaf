using System.Diagnostics;
using Gateway.Conversations;

namespace Gateway.Observability;

/// <summary>
/// Times every webhook (and simulator) request for <c>gateway_webhook_duration_seconds{channel,provider}</c>. The provider
/// comes from the route; the channel from the conversation step the request ran (Twilio carries SMS and WhatsApp).
/// </summary>
public sealed class WebhookTiming(RequestDelegate next)
{
    internal const string ChannelItem = "gateway.channel";

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
            var channel = context.Items[ChannelItem] as string ?? "none";
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

/// <summary>Tells <see cref="WebhookTiming"/> which channel the request's step ran on, and counts steps.</summary>
public sealed class StepMetrics(IHttpContextAccessor http) : IStepObserver
{
    public void Committed(StepContext step, StepResult result)
    {
        GatewayMetrics.ConversationSteps.Inc();
        if (http.HttpContext is { } context) context.Items[WebhookTiming.ChannelItem] = step.Message.Channel.ToWire();
    }
}
