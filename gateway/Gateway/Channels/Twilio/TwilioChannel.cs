using Gateway.Settings;
using Gateway.Outbound.Status;
using Microsoft.Extensions.Options;
using Gateway.Outbound;

namespace Gateway.Channels.Twilio;

/// <summary>The Twilio channel: SMS and WhatsApp are one adapter; the <c>whatsapp:</c> prefix decides.</summary>
public sealed class TwilioChannel : IChannel
{
    /// <summary>The provider name in <see cref="Conversations.InboundMessage.Provider"/> and <see cref="IMessageSender.Provider"/>.</summary>
    public const string Provider = "twilio";

    public static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TwilioOptions>(TwilioOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.PublicBaseUrl)) options.PublicBaseUrl = configuration["Gateway:PublicBaseUrl"];
            });

        builder.Services.AddSingleton<TwilioVerifier>();
        builder.Services.AddMessageStatus();
        builder.Services.AddHttpClient(TwilioSender.HttpClientName)
            .AddProviderRetry("twilio-send", services => services.GetRequiredService<IOptions<TwilioOptions>>().Value.Retry);
        builder.Services.AddSingleton<TwilioSender>();
        builder.Services.AddSingleton<IMessageSender>(services => services.GetRequiredService<TwilioSender>());
    }

    public static void MapRoutes(IEndpointRouteBuilder app) => TwilioWebhooks.Map(app);
}
