using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Text;
using Microsoft.Extensions.Options;
using Gateway.Outbound;
using Gateway.Outbound.Status;

namespace Gateway.Channels.Twilio;

/// <summary>
/// Sends through Twilio's Messages API (docs/protocols.md §3). Retries (429/5xx/network) happen in the
/// HttpClient's resilience handler; this class builds the request and maps Twilio's answer to a <see cref="SendOutcome"/>.
/// </summary>
public sealed class TwilioSender(
    IHttpClientFactory clients,
    IOptionsMonitor<TwilioOptions> options,
    IMessageStatusStore statuses,
    ILogger<TwilioSender> logger) : IMessageSender
{
    public const string HttpClientName = "twilio";

    /// <summary>Twilio error: the recipient replied STOP; Twilio refuses to send until they reply START.</summary>
    public const int OptedOutCode = 21610;

    /// <summary>Twilio error: WhatsApp free-form text outside the 24 h window.</summary>
    public const int OutsideWindowCode = 63016;

    private static readonly JsonSerializerOptions VariablesJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Provider => TwilioChannel.Provider;

    public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.AccountSid) || string.IsNullOrEmpty(settings.AuthToken))
            return Failed(null, "Twilio channel is not configured (Twilio__AccountSid, Twilio__AuthToken).");

        var (form, problem) = BuildForm(message, settings);
        if (problem is not null) return problem;

        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{settings.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.AcceptCharset.Add(new StringWithQualityHeaderValue("utf-8"));
        request.Content = new StringContent(EncodeForm(form!), Encoding.UTF8, "application/x-www-form-urlencoded");

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            logger.LogWarning(ex, "Twilio send to {To} failed after retries", PhoneNumbers.Mask(message.To));
            return new SendOutcome("failed", null, null, ex.Message, Retryable: true);
        }

        using (response)
        {
            var json = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var sid = json?.TryGetProperty("sid", out var s) == true ? s.GetString() : null;
                var status = json?.TryGetProperty("status", out var st) == true ? st.GetString() : null;
                if (sid is not null) await statuses.RecordSentAsync(Provider, sid, status ?? "queued", message.Reference, cancellationToken);
                logger.LogInformation("Twilio accepted {Sid} for {To}", sid, PhoneNumbers.Mask(message.To));
                return SendOutcome.Ok(sid);
            }
            return MapError(response, json, message);
        }
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

    private SendOutcome MapError(HttpResponseMessage response, JsonElement? json, OutboundMessage message)
    {
        var code = json?.TryGetProperty("code", out var c) == true && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : (int?)null;
        var text = json?.TryGetProperty("message", out var m) == true ? m.GetString() : response.ReasonPhrase;
        var errorCode = code?.ToString() ?? ((int)response.StatusCode).ToString();
        logger.LogWarning("Twilio refused a message to {To}: HTTP {Status}, code {Code}: {Message}",
            PhoneNumbers.Mask(message.To), (int)response.StatusCode, errorCode, Observability.RequestLogPrivacy.RedactNumbers(text));

        if (code == OptedOutCode) return new SendOutcome("opted_out", null, errorCode, text);
        // The resilience handler already retried these; a later attempt (another alert batch) may still succeed.
        var retryable = (int)response.StatusCode == 429 || (int)response.StatusCode >= 500;
        return new SendOutcome("failed", null, errorCode, text, retryable);
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(body)) return null;
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SendOutcome Failed(string? code, string error) => new("failed", null, code, error);
}
