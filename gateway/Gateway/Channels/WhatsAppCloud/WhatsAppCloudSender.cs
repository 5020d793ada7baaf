using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Conversations;
using Gateway.Text;
using Microsoft.Extensions.Options;
using Gateway.Outbound;
using Gateway.Outbound.Status;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>
/// Sends through the Graph API (docs/protocols.md §4): text, interactive buttons or list as
/// <see cref="WhatsAppRendering"/> decides, or the configured template when the 24 h window is closed.
/// Retries (429/5xx/network) happen in the HttpClient's resilience handler.
/// </summary>
public sealed class WhatsAppCloudSender(
    IHttpClientFactory clients,
    IOptionsMonitor<WhatsAppCloudOptions> options,
    IMessageStatusStore statuses,
    ILogger<WhatsAppCloudSender> logger) : IMessageSender
{
    public const string HttpClientName = "whatsapp-cloud";

    /// <summary>Meta error: a free-form message outside the 24 h window ("re-engagement message").</summary>
    public const string OutsideWindowCode = "131047";

    public string Provider => WhatsAppCloudChannel.Provider;

    public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        // An outbound From that is all digits (no '+') is a phone_number_id: replies leave from the number the contact wrote to.
        var phoneNumberId = message.From is { Length: > 0 } from && from.All(char.IsAsciiDigit) ? from : settings.PhoneNumberId;
        if (string.IsNullOrEmpty(settings.AccessToken) || string.IsNullOrEmpty(phoneNumberId))
            return Failed(null, "WhatsApp Cloud channel is not configured (WhatsApp__AccessToken, WhatsApp__PhoneNumberId).");

        var (body, problem) = BuildBody(message, settings);
        if (problem is not null) return problem;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.GraphBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(phoneNumberId)}/messages")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            logger.LogWarning(ex, "Graph API send to {To} failed after retries", PhoneNumbers.Mask(message.To));
            return new SendOutcome("failed", null, null, ex.Message, Retryable: true);
        }

        using (response)
        {
            var json = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var sent = json?["messages"]?.AsArray().FirstOrDefault();
                var wamid = sent?["id"]?.GetValue<string>();
                if (wamid is not null)
                    await statuses.RecordSentAsync(Provider, wamid, sent?["message_status"]?.GetValue<string>() ?? "accepted", message.Reference, cancellationToken);
                logger.LogInformation("Graph API accepted {Wamid} for {To}", wamid, PhoneNumbers.Mask(message.To));
                return SendOutcome.Ok(wamid);
            }

            var error = json?["error"];
            var code = error?["code"]?.ToString() ?? ((int)response.StatusCode).ToString();
            var text = error?["message"]?.ToString() ?? response.ReasonPhrase;
            logger.LogWarning("Graph API refused a message to {To}: HTTP {Status}, code {Code}: {Message}",
                PhoneNumbers.Mask(message.To), (int)response.StatusCode, code, Observability.RequestLogPrivacy.RedactNumbers(text));
            var retryable = (int)response.StatusCode == 429 || (int)response.StatusCode >= 500;
            return new SendOutcome("failed", null, code, text, retryable);
        }
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

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SendOutcome Failed(string? code, string error) => new("failed", null, code, error);
}
