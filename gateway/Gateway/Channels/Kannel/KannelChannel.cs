using Gateway.Settings;
using Gateway.Outbound.Status;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Gateway.Outbound;

namespace Gateway.Channels.Kannel;

/// <summary>The Kannel channel: operator SMPP links through bearerbox/smsbox.</summary>
public sealed class KannelChannel : IChannel
{
    /// <summary>The provider name in <see cref="Conversations.InboundMessage.Provider"/> and <see cref="IMessageSender.Provider"/>.</summary>
    public const string Provider = "kannel";

    /// <summary>Kannel options, the sendsms client with retries, the sender (as an <see cref="IMessageSender"/>) and a logging status sink.</summary>
    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KannelVerifier>();
        services.AddMessageStatus();
        services.AddValidatedOptions<KannelOptions>(KannelOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrEmpty(options.DlrUrl) && configuration["Gateway:PublicBaseUrl"] is { Length: > 0 } baseUrl)
                    options.DlrUrl = baseUrl.TrimEnd('/') + "/webhooks/kannel/dlr";
            });

        services.AddHttpClient(KannelSender.HttpClientName)
            .AddProviderRetry("kannel-sendsms", sp => sp.GetRequiredService<IOptions<KannelOptions>>().Value.RetryPolicy());
        services.AddSingleton<KannelSender>();
        services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<KannelSender>());
    }

    public static void MapRoutes(IEndpointRouteBuilder app) => KannelWebhooks.Map(app);
}
