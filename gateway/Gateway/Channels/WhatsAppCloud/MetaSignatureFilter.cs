using Microsoft.Extensions.Options;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>Verifies Meta's webhook signature over the raw body before any handler runs; never skipped.</summary>
public static class MetaSignatureFilter
{
    public static TBuilder ValidateMetaSignature<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(ValidateAsync);

    private static async ValueTask<object?> ValidateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<WhatsAppCloudOptions>>().CurrentValue;
        if (string.IsNullOrEmpty(options.AppSecret))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "WhatsApp Cloud channel is not configured",
                detail: "Set WhatsApp__AppSecret: webhooks are never accepted unsigned.");
        }

        var (body, tooLarge) = await WebhookBody.ReadAsync(http, options.MaxBodyBytes);
        if (tooLarge is not null) return tooLarge;

        var header = http.Request.Headers[MetaSignature.Header].ToString();
        if (!MetaSignature.IsValid(options.AppSecret, header, body))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetaSignatureFilter))
                .LogWarning("Rejected a WhatsApp Cloud webhook with a {State} signature", header.Length == 0 ? "missing" : "invalid");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Invalid Meta signature",
                detail: $"The {MetaSignature.Header} header is missing or does not match the body.");
        }
        return await next(invocation);
    }
}
