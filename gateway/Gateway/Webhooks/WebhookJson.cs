using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Webhooks;

/// <summary>The JSON shapes of the webhooks feature.</summary>
internal static class WebhookJson
{
    /// <summary>
    /// A delivery's <c>data</c>: the event as the bus carries it (camelCase, MassTransit's System.Text.Json defaults), so a
    /// partner reads one schema whichever way the event reaches it.
    /// </summary>
    public static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>What the store keeps (subscriptions, deliveries): states as names, so a stored record reads in a shell.</summary>
    public static readonly JsonSerializerOptions Store = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
