using Gateway.Settings;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Gateway.Channels;

/// <summary>
/// Retry policy for a provider's REST API (section <c>Twilio:Retry</c>, <c>WhatsApp:Retry</c>).
/// Defaults follow twilio-node's autoRetry: 3 retries, exponential backoff with jitter capped at 3 s.
/// Tests shrink the delays.
/// </summary>
public sealed class ProviderRetryOptions
{
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;
    [Duration("00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    [Duration("00:00:00", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(3);
    [Duration("00:00:00.100", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public static class ProviderResilience
{
    /// <summary>
    /// Retries only what may succeed later without a change and cannot double a message: 429 (the provider did not take
    /// it), 5xx, and a connection that was never made. Any other 4xx is the request's fault and is never repeated (a
    /// retried 21211 would still be invalid). An attempt that timed out or lost its connection after the request left is
    /// not repeated either: the provider may have taken the message, and a second send would reach the citizen twice
    /// (the drills saw it: a provider answering after the attempt timeout got every such alert message twice).
    /// </summary>
    public static IHttpResiliencePipelineBuilder AddProviderRetry(this IHttpClientBuilder client, string pipelineName, Func<IServiceProvider, ProviderRetryOptions> options) =>
        client.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            var retry = options(context.ServiceProvider);
            // Once the host is stopping (SIGTERM) no new retry starts: the caller's own retry (the bus, the alert sender)
            // picks the message up again, here after a restart or on another replica.
            var stopping = context.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            // Backoff is transport timing, not business time: Polly would otherwise take the host's TimeProvider,
            // which tests replace with a fake clock that never advances on its own.
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(retry.MaxRetries, 0) == 0 ? 1 : retry.MaxRetries,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(retry.MaxRetries > 0 && !stopping.IsCancellationRequested && IsTransient(args.Outcome)),
            });
            pipeline.AddTimeout(retry.AttemptTimeout);
        });

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } => NeverLeft(exception),
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>
    /// True when the request certainly never reached the provider (no connection, no name, no TLS): sending it again
    /// cannot double it. A timeout or a connection lost mid-exchange is ambiguous: the provider may have taken it.
    /// </summary>
    public static bool NeverLeft(Exception exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
    };
}
