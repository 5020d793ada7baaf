using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Channels.Twilio;

/// <summary>
/// X-Twilio-Signature over the public URL and the form (<see cref="TwilioSignature"/>). Unlike twilio-aspnet it never skips
/// local requests (behind a proxy every request looks local), signs each repeated form value, and refuses to run at all
/// without an AuthToken. The verified form is kept for the handler (<see cref="TwilioForm.From"/>).
/// </summary>
public sealed class TwilioVerifier(IOptionsMonitor<TwilioOptions> options) : WebhookVerifier
{
    public override string Channel => "Twilio";

    public override WebhookProblem? NotConfigured(HttpContext http) => string.IsNullOrEmpty(options.CurrentValue.AuthToken)
        ? new("Twilio channel is not configured", "Set Twilio__AuthToken: webhooks are never accepted unsigned.")
        : null;

    public override int? MaxBodyBytes(HttpContext http) => options.CurrentValue.MaxBodyBytes;

    public override WebhookProblem Forbidden { get; } =
        new("Invalid Twilio signature", $"The {TwilioSignature.Header} header is missing or does not match this request.");

    public override bool Verify(HttpContext http, byte[]? body)
    {
        var settings = options.CurrentValue;
        var url = SignedUrl(http.Request, settings.PublicBaseUrl);
        var signature = http.Request.Headers[TwilioSignature.Header].ToString();
        var isForm = IsForm(http.Request.ContentType);
        if (!isForm && TwilioSignature.BodyHashFromUrl(url) is not null)
        {
            TwilioForm.Empty.Attach(http);
            return TwilioSignature.IsValidWithBody(settings.AuthToken, signature, url, body);
        }
        var form = isForm ? TwilioForm.Parse(body) : TwilioForm.Empty;
        form.Attach(http);
        return TwilioSignature.IsValid(settings.AuthToken, signature, url, form.Pairs);
    }

    // Without the query string: it is the caller's, and may carry anything (numbers, secrets).
    public override string Refusal(HttpContext http) =>
        (http.Request.Headers[TwilioSignature.Header].ToString().Length == 0 ? "missing" : "invalid") + " signature for "
        + SignedUrl(http.Request, options.CurrentValue.PublicBaseUrl).Split('?', 2)[0];

    /// <summary>The URL Twilio signed: the public base URL (or the request's own origin) + path + raw query.</summary>
    public static string SignedUrl(HttpRequest request, string? publicBaseUrl)
    {
        var origin = string.IsNullOrWhiteSpace(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}"
            : publicBaseUrl.TrimEnd('/');
        return origin + request.Path.ToUriComponent() + request.QueryString.Value;
    }

    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>The bare media type (no parameters, the common case) is recognised without the header parser; anything else is parsed.</summary>
    private static bool IsForm(string? contentType) =>
        string.Equals(contentType, FormMediaType, StringComparison.OrdinalIgnoreCase)
        || (MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase));
}
