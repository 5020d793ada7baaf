using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Channels.Twilio;

/// <summary>
/// Verifies X-Twilio-Signature before any handler runs. Unlike twilio-aspnet it never skips local
/// requests (behind a proxy every request looks local), signs each repeated form value, and refuses
/// to run at all without an AuthToken.
/// </summary>
public static class TwilioSignatureFilter
{
    public static TBuilder ValidateTwilioSignature<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(ValidateAsync);

    private static async ValueTask<object?> ValidateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue;
        if (string.IsNullOrEmpty(options.AuthToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Twilio channel is not configured",
                detail: "Set Twilio__AuthToken: webhooks are never accepted unsigned.");
        }

        var (body, tooLarge) = await WebhookBody.ReadAsync(http, options.MaxBodyBytes);
        if (tooLarge is not null) return tooLarge;

        var url = SignedUrl(http.Request, options.PublicBaseUrl);
        var signature = http.Request.Headers[TwilioSignature.Header].ToString();
        var isForm = IsForm(http.Request.ContentType);
        bool valid;
        if (!isForm && TwilioSignature.BodyHashFromUrl(url) is not null)
        {
            valid = TwilioSignature.IsValidWithBody(options.AuthToken, signature, url, body);
            TwilioForm.Empty.Attach(http);
        }
        else
        {
            var form = isForm ? TwilioForm.Parse(body) : TwilioForm.Empty;
            valid = TwilioSignature.IsValid(options.AuthToken, signature, url, form.Pairs);
            form.Attach(http);
        }

        if (!valid)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TwilioSignatureFilter))
                .LogWarning("Rejected a Twilio webhook with a {State} signature for {Url}", signature.Length == 0 ? "missing" : "invalid",
                    // Without the query string: it is the caller's, and may carry anything (numbers, secrets).
                    url.Split('?', 2)[0]);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Invalid Twilio signature",
                detail: $"The {TwilioSignature.Header} header is missing or does not match this request.");
        }
        return await next(invocation);
    }

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
