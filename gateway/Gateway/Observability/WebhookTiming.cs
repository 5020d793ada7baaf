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

    /// <summary>The provider label of a request under /webhooks that matched no route (or a route's 404).</summary>
    public const string Unmatched = "unmatched";

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
            // A path no route knows (a scanner, a typo) must not mint a label series of its own: no endpoint, or a 404 from
            // one whose path segment is a parameter (/webhooks/ussd/{route} with a route nobody configured).
            var known = context.GetEndpoint() is not null && context.Response.StatusCode != StatusCodes.Status404NotFound;
            GatewayMetrics.ObserveWebhook(channel, known ? provider : Unmatched, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The provider a path belongs to: <c>/webhooks/{provider}/…</c>, <c>/webhooks/ussd/{route}</c>, the simulator; null otherwise.</summary>
    internal static string? ProviderOf(PathString path)
    {
        if (path.StartsWithSegments("/api/simulator")) return "simulator";
        if (!path.StartsWithSegments("/webhooks", out var rest) || rest.Value is not { Length: > 1 } tail) return null;
        var first = Segment(tail, 1, out var next);
        if (first.Length == 0) return null;
        var route = first is "ussd" ? Segment(tail, next, out _) : "";
        return route.Length > 0 ? route : first;
    }

    /// <summary>The path segment starting at <paramref name="start"/> (after its leading '/'), without a split per request.</summary>
    private static string Segment(string path, int start, out int next)
    {
        while (start < path.Length && path[start] == '/') start++;
        var end = start < path.Length ? path.IndexOf('/', start) : -1;
        if (end < 0) end = path.Length;
        next = end + 1;
        return start >= path.Length ? "" : Known(path.AsSpan(start, end - start));
    }

    /// <summary>Segments seen before come back as the same string: the metric's label lookup then costs no allocation.</summary>
    private static string Known(ReadOnlySpan<char> segment)
    {
        var lookup = KnownSegments.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(segment, out var known)) return known;
        var text = segment.ToString();
        // Bounded: the route table has a handful of providers; anything else (scanners, typos) is not remembered.
        return KnownSegments.Count < 64 ? KnownSegments.GetOrAdd(text, text) : text;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> KnownSegments = new(StringComparer.Ordinal);
}

/// <summary>Counts conversation steps (<c>gateway_conversation_steps_total</c>).</summary>
public sealed class StepMetrics : IStepObserver
{
    public void Committed(StepContext step, StepResult result) => GatewayMetrics.ConversationSteps.Inc();
}
