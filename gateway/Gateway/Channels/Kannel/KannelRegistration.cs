using Gateway.Outbound.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Gateway.Outbound;

namespace Gateway.Channels.Kannel;

public static class KannelRegistration
{
    /// <summary>Kannel options, the sendsms client with retries, the sender (as an <see cref="IMessageSender"/>) and a logging status sink.</summary>
    public static WebApplicationBuilder AddKannelChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMessageStatus();
        services.AddOptions<KannelOptions>()
            .BindConfiguration(KannelOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrEmpty(options.DlrUrl) && configuration["Gateway:PublicBaseUrl"] is { Length: > 0 } baseUrl)
                    options.DlrUrl = baseUrl.TrimEnd('/') + "/webhooks/kannel/dlr";
            });

        services.AddHttpClient(KannelSender.HttpClientName)
            .AddResilienceHandler("kannel-sendsms", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<KannelOptions>>().Value;
                // Only failures that mean "not taken": 503 is smsbox's "Temporal failure, try again later".
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(options.MaxRetries, 0),
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .HandleResult(r => r.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
            });

        services.AddSingleton<KannelSender>();
        services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<KannelSender>());
        return builder;
    }
}
