using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Channels.Twilio;

/// <summary>Section <c>Twilio</c> (env <c>Twilio__AccountSid</c>, ...), plus <c>Gateway:PublicBaseUrl</c>.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string AccountSid { get; set; } = "";

    /// <summary>Signs webhooks and authenticates REST calls. Empty: the webhooks answer 503, never run unsigned.</summary>
    public string AuthToken { get; set; } = "";

    [HttpUrl]
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>SMS sender (E.164 number or alphanumeric id) when the message does not name one.</summary>
    public string? From { get; set; }

    /// <summary>WhatsApp sender, E.164 without the <c>whatsapp:</c> prefix.</summary>
    public string? WhatsAppFrom { get; set; }

    /// <summary>When set and the message names no sender, Twilio picks one from this service's pool.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Defaults to <see cref="PublicBaseUrl"/> + <c>/webhooks/twilio/status</c>.</summary>
    [HttpUrl]
    public string? StatusCallbackUrl { get; set; }

    /// <summary>
    /// The public URL of the gateway's root as Twilio calls it (from <c>Gateway:PublicBaseUrl</c>):
    /// signatures are computed over it + path + raw query, never over the address behind a proxy.
    /// When empty, the request's own scheme and host are used.
    /// </summary>
    [HttpUrl]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Content template (<c>HX…</c>) with one body variable <c>{{1}}</c>, used for WhatsApp outside the 24 h window.</summary>
    public string? WhatsAppTemplateContentSid { get; set; }

    /// <summary>Largest webhook body accepted (Twilio's bodies are a few KiB; Body is at most 1600 chars).</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    public ProviderRetryOptions Retry { get; set; } = new();

    public string EffectiveStatusCallbackUrl =>
        !string.IsNullOrWhiteSpace(StatusCallbackUrl) ? StatusCallbackUrl
        : !string.IsNullOrWhiteSpace(PublicBaseUrl) ? PublicBaseUrl.TrimEnd('/') + TwilioWebhooks.StatusPath
        : "";
}
