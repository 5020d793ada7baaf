using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Outbound;
using Gateway.Outbound.Status;
using Microsoft.Extensions.Options;

namespace Gateway.Channels.Infobip;

/// <summary>
/// Sends through Infobip's <c>POST /sms/2/text/advanced</c> (https://www.infobip.com/docs/api/channels/sms/sms-messaging/outbound-sms/send-sms-message):
/// one message, one destination, <c>Authorization: App &lt;key&gt;</c>. Sending, retries, the status record and the logs
/// are <see cref="ProviderSender{TOptions}"/>'s.
/// </summary>
public sealed class InfobipSender(
    IHttpClientFactory clients,
    IOptionsMonitor<InfobipOptions> options,
    IMessageStatusStore statuses,
    ILogger<InfobipSender> logger) : ProviderSender<InfobipOptions>(clients, options, statuses, logger)
{
    public const string HttpClientName = "infobip";

    /// <summary>Infobip's status group for a message it will not send (in a 200 answer).</summary>
    public const string RejectedGroup = "REJECTED";

    public override string Provider => InfobipChannel.Provider;

    protected override string ClientName => HttpClientName;

    protected override ProviderCall Build(OutboundMessage message, InfobipOptions settings)
    {
        if (string.IsNullOrEmpty(settings.ApiKey) || string.IsNullOrEmpty(settings.BaseUrl))
            return ProviderCall.Fail(null, "Infobip channel is not configured (Infobip__BaseUrl, Infobip__ApiKey).");
        var from = !string.IsNullOrWhiteSpace(message.From) ? message.From : settings.From;
        if (string.IsNullOrWhiteSpace(from)) return ProviderCall.Fail(null, "No Infobip sender: set Infobip__From.");

        // Numbers in international format without '+' (the API's examples); an alphanumeric sender stays as it is.
        var body = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject
            {
                ["destinations"] = new JsonArray(new JsonObject { ["to"] = message.To.TrimStart('+') }),
                ["from"] = from.TrimStart('+'),
                ["text"] = SmsText.RenderSms(message.Reply),
            }),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, settings.BaseUrl.TrimEnd('/') + "/sms/2/text/advanced") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("App", settings.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return ProviderCall.Send(request);
    }

    /// <summary>
    /// 200: <c>messages[0]</c> with <c>messageId</c> and <c>status</c> (group PENDING, or REJECTED with the reason in
    /// <c>status.name</c>); an error: <c>requestError.serviceException</c> with <c>messageId</c> (the error's name) and <c>text</c>.
    /// </summary>
    protected override ProviderAnswer Read(HttpResponseMessage response, string body)
    {
        var json = ParseObject(body);
        if (response.IsSuccessStatusCode)
        {
            var sent = json?["messages"] is JsonArray messages ? messages.FirstOrDefault() : null;
            var status = sent?["status"];
            if (String(status?["groupName"]) == RejectedGroup)
                return ProviderAnswer.Refused(String(status?["name"]) ?? RejectedGroup, String(status?["description"]));
            return ProviderAnswer.Taken(String(sent?["messageId"]), "queued");
        }
        var exception = json?["requestError"]?["serviceException"];
        return ProviderAnswer.Refused(String(exception?["messageId"]) ?? ((int)response.StatusCode).ToString(),
            String(exception?["text"]) ?? response.ReasonPhrase);
    }

    private static JsonObject? ParseObject(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
