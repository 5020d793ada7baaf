using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Channels.Ussd;

/// <summary>
/// Arkesel (docs/protocols.md §5): JSON <c>{sessionID, userID, msisdn, userData, newSession, network}</c> carrying only the
/// latest input (on a new session, <c>userData</c> is the dialled code, e.g. <c>*928*1#</c>); the answer is JSON
/// <c>{message, continueSession, userID, msisdn, sessionID}</c>. The hop index is counted by the session handler.
/// </summary>
public sealed class ArkeselUssdFormat : IUssdFormat
{
    public const string FormatName = "arkesel";

    public string Name => FormatName;

    public UssdParseResult Parse(HttpRequest request, byte[] raw)
    {
        JsonElement body;
        if (!System.Text.Unicode.Utf8.IsValid(raw)) return UssdParseResult.Invalid("body", "The body is not valid UTF-8.");
        try
        {
            // Invalid UTF-8 and nesting deeper than the reader's default 64 levels are JsonExceptions too.
            using var document = JsonDocument.Parse(raw);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return UssdParseResult.Invalid("body", "Expected a JSON object (UTF-8).");
        }
        if (body.ValueKind != JsonValueKind.Object) return UssdParseResult.Invalid("body", "Expected a JSON object.");

        var sessionId = Text(body, "sessionID");
        var msisdn = Text(body, "msisdn");
        if (sessionId.Length == 0) return UssdParseResult.Missing("sessionID");
        if (msisdn.Length == 0) return UssdParseResult.Missing("msisdn");
        if (!ProviderPhone.TryNormalize(msisdn, out var e164))
            return UssdParseResult.Invalid("msisdn", "The field 'msisdn' is not a valid phone number.");

        var newSession = Flag(body, "newSession");
        var userData = Text(body, "userData");
        var network = Text(body, "network");
        var hop = newSession
            ? new UssdHop(sessionId, e164, userData, network.Length > 0 ? network : null, "", true, null)
            : new UssdHop(sessionId, e164, "", network.Length > 0 ? network : null, userData, false, null);
        return UssdParseResult.Ok(hop, new Dictionary<string, string>
        {
            ["sessionID"] = sessionId,
            ["userID"] = Text(body, "userID"),
            ["msisdn"] = msisdn,
        });
    }

    public IResult Render(UssdRequest request, UssdScreen screen) => TypedResults.Json(new ArkeselResponse(
        screen.Text, screen.Continue, request.Echo["userID"], request.Echo["msisdn"], request.Echo["sessionID"]));

    // Names pinned so the host's JSON naming policy cannot change the wire format.
    private sealed record ArkeselResponse(
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("continueSession")] bool ContinueSession,
        [property: JsonPropertyName("userID")] string UserId,
        [property: JsonPropertyName("msisdn")] string Msisdn,
        [property: JsonPropertyName("sessionID")] string SessionId);

    private static string Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => JsonStrings.Read(value).Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => "",
        } : "";

    // Some aggregators send booleans as strings ("true"); accept both.
    private static bool Flag(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && bool.TryParse(JsonStrings.Read(value), out var b) && b));
}
