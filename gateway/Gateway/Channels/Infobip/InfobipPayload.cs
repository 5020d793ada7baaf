using System.Text.Json;

namespace Gateway.Channels.Infobip;

/// <summary>One forwarded message of <c>results[]</c>.</summary>
/// <param name="From">The sender as Infobip writes it (international digits, no '+').</param>
public sealed record InfobipMessage(string MessageId, string From, string To, string Text);

/// <summary>
/// Infobip's inbound SMS forward (format MO_JSON_2, https://www.infobip.com/docs/api/channels/sms/inbound-sms/receive-inbound-sms-messages):
/// <c>{"results":[{"messageId","from","to","text","cleanText","keyword","receivedAt",...}],"messageCount","pendingMessageCount"}</c>.
/// <c>text</c> is the whole message (the keyword included), which is what the contact typed. A body that is not a JSON
/// object throws <see cref="JsonException"/> (the handler answers 400); a result without messageId or from is skipped.
/// </summary>
public static class InfobipPayload
{
    public static IReadOnlyList<InfobipMessage> Parse(ReadOnlySpan<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body)) throw new JsonException("The webhook body is not valid UTF-8.");
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("The webhook body is not a JSON object.");
        if (!document.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) return [];

        var messages = new List<InfobipMessage>();
        foreach (var result in results.EnumerateArray())
        {
            if (String(result, "messageId") is not { } id || String(result, "from") is not { } from) continue;
            messages.Add(new InfobipMessage(id, from, String(result, "to") ?? "", String(result, "text") ?? ""));
        }
        return messages;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.String => JsonStrings.Read(value), JsonValueKind.Number => value.GetRawText(), _ => null }
            : null;
}
