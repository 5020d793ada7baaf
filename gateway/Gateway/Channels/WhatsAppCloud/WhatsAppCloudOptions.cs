using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>Section <c>WhatsApp</c> (env <c>WhatsApp__AppSecret</c>, ...): a Meta app subscribed to a WhatsApp Business number.</summary>
public sealed class WhatsAppCloudOptions
{
    public const string Section = "WhatsApp";

    /// <summary>The token typed into the Meta app's webhook settings; the GET handshake echoes the challenge only when it matches.</summary>
    public string VerifyToken { get; set; } = "";

    /// <summary>Signs every webhook (X-Hub-Signature-256). Empty: POST answers 503, never runs unsigned.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>Bearer token for the Graph API (a system user token in production).</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The sending number's id, used when a message does not carry one.</summary>
    public string PhoneNumberId { get; set; } = "";

    [HttpUrl]
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com/v21.0";

    /// <summary>Approved template with one body parameter <c>{{1}}</c>, sent outside the 24 h window.</summary>
    public string? TemplateName { get; set; }

    /// <summary>Template language when the reply's language has no entry in <see cref="TemplateLanguages"/>.</summary>
    public string TemplateLanguage { get; set; } = "fr";

    /// <summary>Reply language → template language code (Meta has no Amazigh templates: map zgh to fr or ar).</summary>
    public Dictionary<string, string> TemplateLanguages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Meta batches several changes per webhook, but bodies stay small.</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    public ProviderRetryOptions Retry { get; set; } = new();
}
