using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Conversations;
using Microsoft.Extensions.Options;
using Gateway.Outbound;
using Gateway.Outbound.Status;

namespace Gateway.Channels.Twilio;

/// <summary>
/// Sends through Twilio's Messages API (docs/protocols.md §3): builds the request and reads Twilio's answer; sending,
/// retries (429/5xx/network), the status record and the logs are <see cref="ProviderSender{TOptions}"/>'s.
/// </summary>
/// <remarks>
/// Not the Twilio package's MessageResource.Create: it sends through its own client and throws its own exceptions, so the
/// shared sender's retries, status record and Twilio__ApiBaseUrl would each need an adapter (a URL-rewriting ITwilioRestClient)
/// for one form POST this class builds in a few lines.
/// </remarks>
public sealed class TwilioSender(
    IHttpClientFactory clients,
    IOptionsMonitor<TwilioOptions> options,
    IMessageStatusStore statuses,
    ILogger<TwilioSender> logger) : ProviderSender<TwilioOptions>(clients, options, statuses, logger)
{
    public const string HttpClientName = "twilio";

    /// <summary>Twilio error: the recipient replied STOP; Twilio refuses to send until they reply START.</summary>
    public const int OptedOutCode = 21610;

    /// <summary>Twilio error: WhatsApp free-form text outside the 24 h window.</summary>
    public const int OutsideWindowCode = 63016;

    private static readonly JsonSerializerOptions VariablesJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override string Provider => TwilioChannel.Provider;

    protected override string ClientName => HttpClientName;

    protected override ProviderCall Build(OutboundMessage message, TwilioOptions settings)
    {
        if (string.IsNullOrEmpty(settings.AccountSid) || string.IsNullOrEmpty(settings.AuthToken))
            return ProviderCall.Fail(null, "Twilio channel is not configured (Twilio__AccountSid, Twilio__AuthToken).");

        var (form, problem) = BuildForm(message, settings);
        if (problem is not null) return new ProviderCall(null, null, problem);

        var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.AcceptCharset.Add(new StringWithQualityHeaderValue("utf-8"));
        request.Content = new StringContent(EncodeForm(form!), Encoding.UTF8, "application/x-www-form-urlencoded");
        return ProviderCall.Send(request);
    }

    /// <summary>201 with the message resource (<c>sid</c>, <c>status</c>), or Twilio's error (<c>code</c>, <c>message</c>).</summary>
    protected override ProviderAnswer Read(HttpResponseMessage response, string body)
    {
        var json = ParseObject(body);
        if (response.IsSuccessStatusCode) return ProviderAnswer.Taken(String(json, "sid"), String(json, "status") ?? "queued");

        var code = json?.TryGetProperty("code", out var c) == true && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var number) ? number : (int?)null;
        return ProviderAnswer.Refused(code?.ToString() ?? ((int)response.StatusCode).ToString(),
            String(json, "message") ?? response.ReasonPhrase, optedOut: code == OptedOutCode);
    }

    /// <summary>Form fields in twilio-node's order: To, StatusCallback, From | MessagingServiceSid, Body | ContentSid + ContentVariables.</summary>
    public (List<KeyValuePair<string, string>>? Form, SendOutcome? Problem) BuildForm(OutboundMessage message, TwilioOptions settings)
    {
        var whatsApp = message.Channel == ChannelKind.WhatsApp;
        string Address(string number) => whatsApp ? TwilioInbound.WhatsAppPrefix + TwilioInbound.StripPrefix(number) : number;

        var form = new List<KeyValuePair<string, string>> { new("To", Address(message.To)) };
        if (!string.IsNullOrWhiteSpace(settings.EffectiveStatusCallbackUrl)) form.Add(new("StatusCallback", settings.EffectiveStatusCallbackUrl));

        // The number the contact wrote to wins (replies come from it); otherwise the service's pool, otherwise the default sender.
        var configuredFrom = whatsApp ? settings.WhatsAppFrom : settings.From;
        if (!string.IsNullOrWhiteSpace(message.From)) form.Add(new("From", Address(message.From)));
        else if (!string.IsNullOrWhiteSpace(settings.MessagingServiceSid)) form.Add(new("MessagingServiceSid", settings.MessagingServiceSid));
        else if (!string.IsNullOrWhiteSpace(configuredFrom)) form.Add(new("From", Address(configuredFrom)));
        else return (null, Failed(null, $"No Twilio sender: set Twilio__{(whatsApp ? "WhatsAppFrom" : "From")} or Twilio__MessagingServiceSid."));

        if (whatsApp && !message.WithinWindow)
        {
            // Outside the 24 h window WhatsApp only delivers approved templates; free text would fail with 63016.
            if (string.IsNullOrWhiteSpace(settings.WhatsAppTemplateContentSid))
                return (null, Failed(OutsideWindowCode.ToString(), "WhatsApp window closed and Twilio__WhatsAppTemplateContentSid is not set."));
            form.Add(new("ContentSid", settings.WhatsAppTemplateContentSid));
            form.Add(new("ContentVariables", JsonSerializer.Serialize(
                new Dictionary<string, string> { ["1"] = WhatsAppRendering.TemplateParameter(message.Reply) }, VariablesJson)));
        }
        else
        {
            form.Add(new("Body", message.Channel == ChannelKind.Sms ? SmsText.RenderSms(message.Reply) : SmsText.Render(message.Reply)));
        }
        return (form, null);
    }

    /// <summary>Percent-encodes as twilio-node (qs, RFC 3986): spaces as %20, only unreserved characters left as they are.</summary>
    public static string EncodeForm(IEnumerable<KeyValuePair<string, string>> form) =>
        string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static JsonElement? ParseObject(string body)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement? json, string name) =>
        json?.TryGetProperty(name, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static SendOutcome Failed(string? code, string error) => new("failed", null, code, error);
}
