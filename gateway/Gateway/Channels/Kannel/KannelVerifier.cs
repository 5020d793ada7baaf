using Microsoft.Extensions.Options;

namespace Gateway.Channels.Kannel;

/// <summary>
/// smsbox does not sign: the shared secret of <see cref="KannelOptions.Secret"/> rides in the get-url (<c>?secret=</c>) or
/// an <c>X-Gateway-Secret</c> header. The body is not needed for the check: the handler reads it (within its limit).
/// </summary>
public sealed class KannelVerifier(IOptionsMonitor<KannelOptions> options) : WebhookVerifier
{
    public const string SecretHeader = "X-Gateway-Secret";

    public override string Channel => "Kannel";

    public override WebhookProblem? NotConfigured(HttpContext http) => string.IsNullOrEmpty(options.CurrentValue.Secret)
        ? new("Kannel channel is not configured", "Set Kannel:Secret and put it in the sms-service get-url as ?secret=.")
        : null;

    public override int? MaxBodyBytes(HttpContext http) => null;

    public override WebhookProblem Forbidden { get; } = new("Forbidden", "Missing or wrong Kannel secret.");

    public override bool Verify(HttpContext http, byte[]? body)
    {
        var provided = http.Request.Query["secret"].ToString() is { Length: > 0 } query ? query : http.Request.Headers[SecretHeader].ToString();
        return SharedSecret.FixedTimeEquals(provided, options.CurrentValue.Secret!);
    }
}
