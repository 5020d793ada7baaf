using System.Text.Json;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>One user message from a Cloud API webhook.</summary>
/// <param name="From">wa_id as sent (digits, no '+').</param>
/// <param name="Payload">button_reply.id, list_reply.id or a template button's payload.</param>
public sealed record CloudMessage(string From, string Wamid, string Type, string Text, string? Payload, string? PhoneNumberId, string? DisplayPhoneNumber);

/// <summary>One delivery status from <c>value.statuses[]</c>.</summary>
public sealed record CloudStatus(string Wamid, string Status, string? RecipientId, string? ErrorCode, DateTimeOffset? At);

/// <summary>
/// Reads the webhook envelope (<c>entry[].changes[].value</c>). Tolerant of fields it does not know and of
/// other change kinds; a body that is not JSON throws <see cref="JsonException"/> (the handler answers 400).
/// </summary>
public static class WhatsAppCloudPayload
{
    public static (IReadOnlyList<CloudMessage> Messages, IReadOnlyList<CloudStatus> Statuses) Parse(ReadOnlySpan<byte> body)
    {
        // The reader does not validate UTF-8 inside strings it is not asked to read; Meta sends UTF-8 (RFC 8259 §8.1).
        if (!System.Text.Unicode.Utf8.IsValid(body)) throw new JsonException("The webhook body is not valid UTF-8.");
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var messages = new List<CloudMessage>();
        var statuses = new List<CloudStatus>();
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("The webhook body is not a JSON object.");

        foreach (var entry in Array(document.RootElement, "entry"))
        {
            foreach (var change in Array(entry, "changes"))
            {
                if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) continue;
                var metadata = value.TryGetProperty("metadata", out var m) ? m : default;
                var phoneNumberId = String(metadata, "phone_number_id");
                var display = String(metadata, "display_phone_number");

                foreach (var message in Array(value, "messages"))
                {
                    var from = String(message, "from");
                    var id = String(message, "id");
                    if (from is null || id is null) continue;
                    var type = String(message, "type") ?? "unknown";
                    var (text, payload) = Content(message, type);
                    messages.Add(new CloudMessage(from, id, type, text, payload, phoneNumberId, display));
                }

                foreach (var status in Array(value, "statuses"))
                {
                    var id = String(status, "id");
                    var state = String(status, "status");
                    if (id is null || state is null) continue;
                    var error = Array(status, "errors").Select(e => String(e, "code")).FirstOrDefault();
                    statuses.Add(new CloudStatus(id, state, String(status, "recipient_id"), error, UnixTime(String(status, "timestamp"))));
                }
            }
        }
        return (messages, statuses);
    }

    /// <summary>What the contact said: a tapped button or row is the answer (payload) and its title the text.</summary>
    private static (string Text, string? Payload) Content(JsonElement message, string type)
    {
        switch (type)
        {
            case "text":
                return (String(Object(message, "text"), "body") ?? "", null);
            case "interactive":
                var interactive = Object(message, "interactive");
                var reply = String(interactive, "type") switch
                {
                    "button_reply" => Object(interactive, "button_reply"),
                    "list_reply" => Object(interactive, "list_reply"),
                    _ => default,
                };
                return (String(reply, "title") ?? "", String(reply, "id"));
            case "button":
                var button = Object(message, "button");
                return (String(button, "text") ?? "", String(button, "payload"));
            default:
                // Media and other kinds: a caption is the only text; the engine re-prompts on empty text.
                return (String(Object(message, type), "caption") ?? "", null);
        }
    }

    /// <summary>Meta's Unix-seconds timestamp; null (the handler uses the time received) when absent or out of range.</summary>
    private static DateTimeOffset? UnixTime(string? seconds) =>
        long.TryParse(seconds, out var value)
        && value >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && value <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(value)
            : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.String => Channels.JsonStrings.Read(value), JsonValueKind.Number => value.GetRawText(), _ => null }
            : null;
}
