using Gateway.Settings;
using Gateway.Outbound;
using Gateway.Outbound.Status;
using Microsoft.Extensions.Options;

namespace Gateway.Channels.Infobip;

/// <summary>The Infobip SMS channel: inbound forwards to <c>/webhooks/infobip</c>, outbound through the SMS API. Off (503, nothing sent) until configured.</summary>
public sealed class InfobipChannel : IChannel
{
    /// <summary>The provider name in <see cref="Conversations.InboundMessage.Provider"/> and <see cref="IMessageSender.Provider"/>.</summary>
    public const string Provider = "infobip";

    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<InfobipOptions>(InfobipOptions.Section);
        builder.Services.AddSingleton<InfobipVerifier>();
        builder.Services.AddMessageStatus();
        builder.Services.AddHttpClient(InfobipSender.HttpClientName)
            .AddProviderRetry("infobip-send", services => services.GetRequiredService<IOptions<InfobipOptions>>().Value.Retry);
        builder.Services.AddSingleton<InfobipSender>();
        builder.Services.AddSingleton<IMessageSender>(services => services.GetRequiredService<InfobipSender>());
    }

    public static void MapRoutes(IEndpointRouteBuilder app) => InfobipWebhooks.Map(app);
}
