using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Channels;

/// <summary>A problem's title and detail (RFC 9457), as a provider words it.</summary>
public sealed record WebhookProblem(string Title, string Detail);

/// <summary>
/// How one provider proves that a webhook is its own (a signature over the body, a secret in the URL, a caller address).
/// <see cref="VerifiedWebhook{TVerifier}"/> does the rest the same way for every provider: 503 while the provider's
/// secret is not configured (never unsigned, never skipped for local requests), the body read once within a limit (413),
/// 403 with a warning in the log when the check fails, and only then the handler.
/// </summary>
public abstract class WebhookVerifier
{
    /// <summary>The provider as the log names it ("Twilio").</summary>
    public abstract string Channel { get; }

    /// <summary>The 503 problem while the secret the check needs is not configured; null once it is.</summary>
    public abstract WebhookProblem? NotConfigured(HttpContext http);

    /// <summary>The largest body read before <see cref="Verify"/>, or null when the check does not need the body (the handler reads it).</summary>
    public abstract int? MaxBodyBytes(HttpContext http);

    /// <summary>True when the request comes from the provider. <paramref name="body"/> is the buffered body, null when <see cref="MaxBodyBytes"/> is.</summary>
    public abstract bool Verify(HttpContext http, byte[]? body);

    /// <summary>The 403 problem when <see cref="Verify"/> fails.</summary>
    public abstract WebhookProblem Forbidden { get; }

    /// <summary>Why the request was refused, for the log: never a secret, a phone number or the caller's query string.</summary>
    public virtual string Refusal(HttpContext http) => "missing or wrong credentials on " + http.Request.Path.Value;
}

/// <summary>The endpoint filter that runs a provider's <see cref="WebhookVerifier"/> before any handler.</summary>
public sealed class VerifiedWebhook<TVerifier>(TVerifier verifier, ILoggerFactory logs) : IEndpointFilter where TVerifier : WebhookVerifier
{
    private readonly ILogger _logger = logs.CreateLogger(typeof(TVerifier));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (verifier.NotConfigured(http) is { } missing) return Problem(StatusCodes.Status503ServiceUnavailable, missing);

        byte[]? body = null;
        if (verifier.MaxBodyBytes(http) is int limit)
        {
            (body, var tooLarge) = await WebhookBody.ReadAsync(http, limit);
            if (tooLarge is not null) return tooLarge;
        }

        if (!verifier.Verify(http, body))
        {
            _logger.LogWarning("Rejected a {Channel} webhook: {Refusal}", verifier.Channel, verifier.Refusal(http));
            return Problem(StatusCodes.Status403Forbidden, verifier.Forbidden);
        }
        return await next(invocation);
    }

    private static ProblemHttpResult Problem(int status, WebhookProblem problem) =>
        TypedResults.Problem(statusCode: status, title: problem.Title, detail: problem.Detail);
}

public static class WebhookVerification
{
    /// <summary>Every endpoint of the group runs <typeparamref name="TVerifier"/> (registered as a singleton by its channel) first.</summary>
    public static RouteGroupBuilder VerifiedBy<TVerifier>(this RouteGroupBuilder group) where TVerifier : WebhookVerifier =>
        group.AddEndpointFilter<RouteGroupBuilder, VerifiedWebhook<TVerifier>>();

    /// <summary>The endpoint runs <typeparamref name="TVerifier"/> (registered as a singleton by its channel) first.</summary>
    public static RouteHandlerBuilder VerifiedBy<TVerifier>(this RouteHandlerBuilder endpoint) where TVerifier : WebhookVerifier =>
        endpoint.AddEndpointFilter<RouteHandlerBuilder, VerifiedWebhook<TVerifier>>();
}
