using Gateway.Settings;
using Gateway.Outbound.Status;
using Microsoft.Extensions.Options;
using Gateway.Outbound;

namespace Gateway.Channels.WhatsAppCloud;

/// <summary>The WhatsApp Cloud API (Meta) channel.</summary>
public sealed class WhatsAppCloudChannel : IChannel
{
    /// <summary>The provider name in <see cref="Conversations.InboundMessage.Provider"/> and <see cref="IMessageSender.Provider"/>.</summary>
    public const string Provider = "whatsapp-cloud";

    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WhatsAppCloudOptions>(WhatsAppCloudOptions.Section);
        builder.Services.AddSingleton<WhatsAppCloudVerifier>();
        builder.Services.AddMessageStatus();
        builder.Services.AddHttpClient(WhatsAppCloudSender.HttpClientName)
            .AddProviderRetry("whatsapp-cloud-send", services => services.GetRequiredService<IOptions<WhatsAppCloudOptions>>().Value.Retry);
        builder.Services.AddSingleton<WhatsAppCloudSender>();
        builder.Services.AddSingleton<IMessageSender>(services => services.GetRequiredService<WhatsAppCloudSender>());
    }

    public static void MapRoutes(IEndpointRouteBuilder app) => WhatsAppCloudWebhooks.Map(app);
}
