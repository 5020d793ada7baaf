using Microsoft.Extensions.Options;

namespace Gateway.Channels.Infobip;

/// <summary>The shared secret of <see cref="InfobipOptions.WebhookSecret"/>, in the forwarding URL or a header (Infobip does not sign).</summary>
public sealed class InfobipVerifier(IOptionsMonitor<InfobipOptions> options) : WebhookVerifier
{
    public const string SecretHeader = "X-Gateway-Secret";

    public override string Channel => "Infobip";

    public override WebhookProblem? NotConfigured(HttpContext http) => string.IsNullOrEmpty(options.CurrentValue.WebhookSecret)
        ? new("Infobip channel is not configured", "Set Infobip__WebhookSecret and put it in the number's forwarding URL as ?secret=.")
        : null;

    public override int? MaxBodyBytes(HttpContext http) => options.CurrentValue.MaxBodyBytes;

    public override WebhookProblem Forbidden { get; } = new("Forbidden", "Missing or wrong Infobip secret.");

    public override bool Verify(HttpContext http, byte[]? body)
    {
        var provided = http.Request.Query["secret"].ToString() is { Length: > 0 } query ? query : http.Request.Headers[SecretHeader].ToString();
        return SharedSecret.FixedTimeEquals(provided, options.CurrentValue.WebhookSecret);
    }
}
