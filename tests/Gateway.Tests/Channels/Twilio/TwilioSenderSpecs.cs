using System.Text;
using Gateway.Channels;
using Gateway.Channels.Twilio;
using Gateway.Conversations;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gateway.Outbound;
using Gateway.Outbound.Status;

namespace Gateway.Tests.Channels.Twilio;

/// <summary>
/// The Twilio sender with the rest of the gateway (requests and outcomes: <see cref="TwilioOutgoingCases"/>): a status
/// callback finds the sender's reference, and both senders are registered.
/// </summary>
public sealed class TwilioSenderSpecs
{
    private const string AccountSid = "ACtest0001";

    private static GatewayApplication App(FakeTwilioApi api) => new GatewayApplication()
        .With("Twilio:AccountSid", AccountSid)
        .With("Twilio:AuthToken", TwilioCases.Token)
        .With("Twilio:ApiBaseUrl", api.BaseUrl)
        .With("Gateway:PublicBaseUrl", "https://gw.example.ma")
        .With("Twilio:From", "+212522000000")
        .With("Twilio:WhatsAppFrom", "+14155238886")
        .With("Twilio:Retry:BaseDelay", "00:00:00.001")
        .With("Twilio:Retry:MaxDelay", "00:00:00.005");

    private static IMessageSender Sender(GatewayApplication app) =>
        app.Services.GetRequiredService<MessageSenders>().TryGet("twilio", out var sender) ? sender : throw new InvalidOperationException("twilio sender not registered");

    private static OutboundMessage Sms(string text, string? from = null, string? reference = null) =>
        new("+212612345678", from, ChannelKind.Sms, Reply.Plain(text, "fr"), reference);

    [Fact]
    public async Task A_status_callback_for_a_sent_message_carries_the_senders_reference()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        var events = new RecordingStatusEvents();
        await using var app = App(api).WithServices(s => s.RemoveAll<IStatusEvents>().AddSingleton<IStatusEvents>(events));

        var outcome = await Sender(app).SendAsync(Sms("Coupure d'eau demain", reference: "alert-42"), CancellationToken.None);
        using var client = app.CreateClient();
        var callback = TwilioCases.Signed("/webhooks/twilio/status", TwilioCases.Status(outcome.ProviderMessageId!, "delivered"));
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.PathAndQuery) { Content = new ByteArrayContent(callback.Body!) };
        request.Content.Headers.ContentType = new(TwilioCases.FormType);
        request.Headers.Add(TwilioSignature.Header, callback.Headers[TwilioSignature.Header]);
        using var response = await client.SendAsync(request);

        Assert.Equal(204, (int)response.StatusCode);
        var published = Assert.Single(events.Published);
        Assert.Equal((outcome.ProviderMessageId, "twilio", "delivered", "alert-42"), (published.MessageId, published.Provider, published.Status, published.AlertId));
        var stored = await app.Services.GetRequiredService<IMessageStatusStore>().GetAsync("twilio", outcome.ProviderMessageId!, CancellationToken.None);
        Assert.Equal(("delivered", "alert-42"), (stored!.Status, stored.Reference));
    }

    [Fact]
    public async Task Both_senders_are_found_by_provider_name()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);

        var providers = app.Services.GetRequiredService<MessageSenders>().Providers;

        Assert.Contains("twilio", providers);
        Assert.Contains("whatsapp-cloud", providers);
    }
}
