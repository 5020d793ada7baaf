using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Gateway.Outbound;
using Gateway.Outbound.Status;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>
/// Sends through the Graph API (docs/protocols.md §4): text, interactive buttons or list as <see cref="WhatsAppRendering"/>
/// decides, or the configured template when the 24 h window is closed. Sending, retries (429/5xx/network), the status
/// record and the logs are <see cref="ProviderSender{TOptions}"/>'s.
/// </summary>
public sealed class WhatsAppCloudSender(
    IHttpClientFactory clients,
    IOptionsMonitor<WhatsAppCloudOptions> options,
    IMessageStatusStore statuses,
    ILogger<WhatsAppCloudSender> logger) : ProviderSender<WhatsAppCloudOptions>(clients, options, statuses, logger)
{
    public const string HttpClientName = "whatsapp-cloud";

    /// <summary>Meta error: a free-form message outside the 24 h window ("re-engagement message").</summary>
    public const string OutsideWindowCode = "131047";

    public override string Provider => WhatsAppCloudChannel.Provider;

    protected override string ClientName => HttpClientName;

    protected override ProviderCall Build(OutboundMessage message, WhatsAppCloudOptions settings)
    {
        // An outbound From that is all digits (no '+') is a phone_number_id: replies leave from the number the contact wrote to.
        var phoneNumberId = message.From is { Length: > 0 } from && from.All(char.IsAsciiDigit) ? from : settings.PhoneNumberId;
        if (string.IsNullOrEmpty(settings.AccessToken) || string.IsNullOrEmpty(phoneNumberId))
            return ProviderCall.Fail(null, "WhatsApp Cloud channel is not configured (WhatsApp__AccessToken, WhatsApp__PhoneNumberId).");

        var (body, problem) = BuildBody(message, settings);
        if (problem is not null) return new ProviderCall(null, null, problem);

        var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.GraphBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(phoneNumberId)}/messages")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        return ProviderCall.Send(request);
    }

    /// <summary><c>messages[0].id</c> (the wamid) and <c>message_status</c>, or Graph's <c>error.code</c> and <c>error.message</c>.</summary>
    protected override ProviderAnswer Read(HttpResponseMessage response, string body)
    {
        var json = ParseObject(body);
        if (response.IsSuccessStatusCode)
        {
            var sent = json?["messages"] is JsonArray messages ? messages.FirstOrDefault() : null;
            return ProviderAnswer.Taken(String(sent?["id"]), String(sent?["message_status"]) ?? "accepted");
        }
        var error = json?["error"];
        return ProviderAnswer.Refused(error?["code"]?.ToString() ?? ((int)response.StatusCode).ToString(), error?["message"]?.ToString() ?? response.ReasonPhrase);
    }

    /// <summary>The Graph API JSON for one message.</summary>
    public static (JsonObject? Body, SendOutcome? Problem) BuildBody(OutboundMessage message, WhatsAppCloudOptions settings)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = message.To.TrimStart('+'),
        };

        if (!message.WithinWindow)
        {
            // Outside the 24 h window only an approved template is delivered.
            if (string.IsNullOrWhiteSpace(settings.TemplateName))
                return (null, Failed(OutsideWindowCode, "WhatsApp window closed and WhatsApp__TemplateName is not set."));
            var language = settings.TemplateLanguages.GetValueOrDefault(message.Reply.Language) ?? settings.TemplateLanguage;
            body["type"] = "template";
            body["template"] = new JsonObject
            {
                ["name"] = settings.TemplateName,
                ["language"] = new JsonObject { ["code"] = language },
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "body",
                    ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = WhatsAppRendering.TemplateParameter(message.Reply) }),
                }),
            };
            return (body, null);
        }

        switch (WhatsAppRendering.Render(message.Reply))
        {
            case WhatsAppButtons buttons:
                body["type"] = "interactive";
                body["interactive"] = new JsonObject
                {
                    ["type"] = "button",
                    ["body"] = new JsonObject { ["text"] = buttons.Body },
                    ["action"] = new JsonObject
                    {
                        ["buttons"] = new JsonArray([.. buttons.Buttons.Select(b => (JsonNode)new JsonObject
                        {
                            ["type"] = "reply",
                            ["reply"] = new JsonObject { ["id"] = b.Id, ["title"] = b.Title },
                        })]),
                    },
                };
                break;
            case WhatsAppList list:
                body["type"] = "interactive";
                body["interactive"] = new JsonObject
                {
                    ["type"] = "list",
                    ["body"] = new JsonObject { ["text"] = list.Body },
                    ["action"] = new JsonObject
                    {
                        ["button"] = list.ButtonLabel,
                        ["sections"] = new JsonArray(new JsonObject
                        {
                            ["title"] = list.ButtonLabel,
                            ["rows"] = new JsonArray([.. list.Rows.Select(Row)]),
                        }),
                    },
                };
                break;
            case WhatsAppText text:
                body["type"] = "text";
                body["text"] = new JsonObject { ["body"] = text.Body, ["preview_url"] = false };
                break;
        }
        return (body, null);
    }

    private static JsonNode Row(WhatsAppChoice row)
    {
        var node = new JsonObject { ["id"] = row.Id, ["title"] = row.Title };
        if (row.Description is not null) node["description"] = row.Description;
        return node;
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

    private static SendOutcome Failed(string? code, string error) => new("failed", null, code, error);
}
