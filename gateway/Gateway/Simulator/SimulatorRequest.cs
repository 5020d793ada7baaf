using System.Text.Json;
using Gateway.Channels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Simulator;

/// <summary>
/// Reads a <see cref="SimulatorApi.SimulatorMessage"/> from the request body by hand rather than by Minimal API binding,
/// which answers a bare 400 naming nothing for an escaped lone surrogate, invalid UTF-8 or a wrong type: here each
/// gets a problem naming the field, and a body over <see cref="MaxBodyBytes"/> a 413 before it is parsed.
/// </summary>
public static class SimulatorRequest
{
    /// <summary>Room for <see cref="SimulatorApi.MaxTextLength"/> characters of 3-byte UTF-8 and the other fields.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] Fields = ["from", "channel", "text", "to", "payload", "id", "sessionId"];

    public static async Task<(SimulatorApi.SimulatorMessage? Message, ProblemHttpResult? Problem)> ReadAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported body",
                detail: "Send the message as application/json.", extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["Send the message as application/json."] } }));
        var (body, tooLarge) = await WebhookBody.ReadAsync(http, MaxBodyBytes);
        if (tooLarge is not null) return (null, tooLarge);
        if (!System.Text.Unicode.Utf8.IsValid(body)) return (null, Invalid("body", "The body is not valid UTF-8."));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, Invalid("body", "The body is not a JSON object."));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, Invalid("body", "The body is not a JSON object."));
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = Array.Find(Fields, f => f.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                if (name is null) continue;
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String: values[name] = JsonStrings.Read(property.Value); break;
                    case JsonValueKind.Null: values[name] = null; break;
                    default: return (null, Invalid(name, $"'{name}' must be a string."));
                }
            }
            string? Get(string name) => values.GetValueOrDefault(name);
            return (new SimulatorApi.SimulatorMessage(Get("from"), Get("channel"), Get("text"), Get("to"), Get("payload"), Get("id"), Get("sessionId")), null);
        }
    }

    private static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(title: "Invalid simulator message", detail: detail, statusCode: 400,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
