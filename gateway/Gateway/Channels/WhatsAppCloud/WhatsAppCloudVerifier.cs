using Microsoft.Extensions.Options;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>Meta's X-Hub-Signature-256 over the raw body (<see cref="WhatsAppCloudSignature"/>); the handler reads the same bytes.</summary>
public sealed class WhatsAppCloudVerifier(IOptionsMonitor<WhatsAppCloudOptions> options) : WebhookVerifier
{
    public override string Channel => "WhatsApp Cloud";

    public override WebhookProblem? NotConfigured(HttpContext http) => string.IsNullOrEmpty(options.CurrentValue.AppSecret)
        ? new("WhatsApp Cloud channel is not configured", "Set WhatsApp__AppSecret: webhooks are never accepted unsigned.")
        : null;

    public override int? MaxBodyBytes(HttpContext http) => options.CurrentValue.MaxBodyBytes;

    public override WebhookProblem Forbidden { get; } =
        new("Invalid Meta signature", $"The {WhatsAppCloudSignature.Header} header is missing or does not match the body.");

    public override bool Verify(HttpContext http, byte[]? body) =>
        WhatsAppCloudSignature.IsValid(options.CurrentValue.AppSecret, http.Request.Headers[WhatsAppCloudSignature.Header].ToString(), body);

    public override string Refusal(HttpContext http) =>
        (http.Request.Headers[WhatsAppCloudSignature.Header].ToString().Length == 0 ? "missing" : "invalid") + " signature";
}
