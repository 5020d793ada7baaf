using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Channels.Infobip;

/// <summary>Section <c>Infobip</c> (env <c>Infobip__ApiKey</c>, ...): an Infobip account with an SMS number forwarding to the gateway.</summary>
public sealed class InfobipOptions
{
    public const string Section = "Infobip";

    /// <summary>The account's own API base URL (<c>https://xxxxx.api.infobip.com</c>, shown on the portal's home page).</summary>
    [HttpUrl]
    public string BaseUrl { get; set; } = "";

    /// <summary>Sent as <c>Authorization: App &lt;key&gt;</c>. Empty: nothing is sent.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Sender (number in international format or alphanumeric id) when a message names none.</summary>
    public string? From { get; set; }

    /// <summary>
    /// Infobip does not sign forwarded messages: the forwarding URL set on the number carries this secret as <c>?secret=</c>
    /// (or a custom <c>X-Gateway-Secret</c> header). Empty: the webhook answers 503, never runs unverified.
    /// </summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>A forward carries a few messages (<c>results[]</c>); bodies stay small.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    public ProviderRetryOptions Retry { get; set; } = new();
}
