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

/// <summary>The Twilio sender against a fake Messages API on loopback.</summary>
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
    public async Task Form_body_is_byte_for_byte_what_twilio_node_sends()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api).With("Twilio:StatusCallbackUrl", "https://gw.example.ma/twilio/status");

        var outcome = await Sender(app).SendAsync(Sms("Salam ça va? مرحبا"), CancellationToken.None);

        Assert.True(outcome.Accepted);
        Assert.Equal(
            "To=%2B212612345678&StatusCallback=https%3A%2F%2Fgw.example.ma%2Ftwilio%2Fstatus&From=%2B212522000000&Body=Salam%20%C3%A7a%20va%3F%20%D9%85%D8%B1%D8%AD%D8%A8%D8%A7",
            Assert.Single(api.Requests).Body);
    }

    [Fact]
    public async Task Request_goes_to_the_account_messages_resource_with_basic_auth()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);

        var outcome = await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);

        var request = Assert.Single(api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{TwilioCases.Token}")), request.Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal(SendOutcome.Ok(FakeTwilioApi.SidFor(1)), outcome);
    }

    [Fact]
    public async Task Status_callback_defaults_to_the_public_base_url()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);

        await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);

        Assert.Equal("https://gw.example.ma/webhooks/twilio/status", Assert.Single(api.Requests).Field("StatusCallback"));
    }

    [Fact]
    public async Task Options_are_sent_as_numbered_lines()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);

        await Sender(app).SendAsync(
            new OutboundMessage("+212612345678", null, ChannelKind.Sms, new Reply("Votre avis ?", [new("1", "Oui"), new("2", "Non")], "fr")),
            CancellationToken.None);

        Assert.Equal("Votre avis ?\n1. Oui\n2. Non", Assert.Single(api.Requests).Field("Body"));
    }

    [Fact]
    public async Task Retries_on_429_20429_then_succeeds()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);
        api.FailNext(2, 429, "20429");

        var outcome = await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);

        Assert.Equal(3, api.Requests.Count);
        Assert.Equal(SendOutcome.Ok(FakeTwilioApi.SidFor(1)), outcome);
        Assert.All(api.Requests, r => Assert.Equal(api.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task Retries_on_500_then_succeeds()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);
        api.FailNext(1, 500, "20500");

        var outcome = await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);

        Assert.Equal(2, api.Requests.Count);
        Assert.True(outcome.Accepted);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries_and_reports_a_retryable_failure()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api).With("Twilio:Retry:MaxRetries", "2");
        api.FailNext(10, 429, "20429");

        var outcome = await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);

        Assert.Equal(3, api.Requests.Count);
        Assert.Equal(new SendOutcome("failed", null, "20429", "Fake Twilio error 20429", Retryable: true), outcome);
    }

    [Fact]
    public async Task Does_not_retry_an_invalid_number_21211()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);
        api.FailNext(1, 400, "21211");

        var outcome = await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);

        Assert.Single(api.Requests);
        Assert.Equal(new SendOutcome("failed", null, "21211", "Fake Twilio error 21211", Retryable: false), outcome);
    }

    [Fact]
    public async Task Unsubscribed_recipient_21610_is_reported_as_opted_out()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);
        api.FailNext(1, 400, "21610");

        var outcome = await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);

        Assert.Single(api.Requests);
        Assert.Equal("opted_out", outcome.Status);
        Assert.Equal("21610", outcome.ErrorCode);
    }

    [Fact]
    public async Task WhatsApp_outside_window_error_63016_is_a_failure_with_its_code()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);
        api.FailNext(1, 400, "63016");

        var outcome = await Sender(app).SendAsync(
            new OutboundMessage("+212612345678", null, ChannelKind.WhatsApp, Reply.Plain("Salam", "fr")), CancellationToken.None);

        Assert.Equal(new SendOutcome("failed", null, "63016", "Fake Twilio error 63016", Retryable: false), outcome);
    }

    [Fact]
    public async Task WhatsApp_within_the_window_sends_prefixed_addresses_and_numbered_text()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);

        await Sender(app).SendAsync(
            new OutboundMessage("+212612345678", null, ChannelKind.WhatsApp, new Reply("Votre avis ?", [new("1", "Oui"), new("2", "Non")], "fr")),
            CancellationToken.None);

        var request = Assert.Single(api.Requests);
        Assert.Equal("whatsapp:+212612345678", request.Field("To"));
        Assert.Equal("whatsapp:+14155238886", request.Field("From"));
        Assert.Equal("Votre avis ?\n1. Oui\n2. Non", request.Field("Body"));
        Assert.Null(request.Field("ContentSid"));
    }

    [Fact]
    public async Task WhatsApp_outside_the_window_uses_the_content_template_instead_of_body()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api).With("Twilio:WhatsAppTemplateContentSid", "HX0123456789abcdef0123456789abcdef");

        var outcome = await Sender(app).SendAsync(
            new OutboundMessage("+212612345678", "+14155238886", ChannelKind.WhatsApp, Reply.Plain("Réunion publique jeudi à 18h", "fr"), WithinWindow: false),
            CancellationToken.None);

        Assert.True(outcome.Accepted);
        var request = Assert.Single(api.Requests);
        Assert.Equal(
            ["To", "StatusCallback", "From", "ContentSid", "ContentVariables"],
            request.Form.Select(p => p.Key));
        Assert.Equal("HX0123456789abcdef0123456789abcdef", request.Field("ContentSid"));
        Assert.Equal("{\"1\":\"Réunion publique jeudi à 18h\"}", request.Field("ContentVariables"));
    }

    [Fact]
    public async Task WhatsApp_outside_the_window_without_a_template_is_not_attempted()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api);

        var outcome = await Sender(app).SendAsync(
            new OutboundMessage("+212612345678", null, ChannelKind.WhatsApp, Reply.Plain("Salam", "fr"), WithinWindow: false), CancellationToken.None);

        Assert.Empty(api.Requests);
        Assert.Equal("failed", outcome.Status);
        Assert.Equal("63016", outcome.ErrorCode);
    }

    [Fact]
    public async Task Messaging_service_is_used_when_the_message_names_no_sender()
    {
        await using var api = await FakeTwilioApi.StartNewAsync();
        await using var app = App(api).With("Twilio:MessagingServiceSid", "MG0123456789abcdef0123456789abcdef");

        await Sender(app).SendAsync(Sms("Bonjour"), CancellationToken.None);
        await Sender(app).SendAsync(Sms("Bonjour", from: "+212522999999"), CancellationToken.None);

        Assert.Equal("MG0123456789abcdef0123456789abcdef", api.Requests[0].Field("MessagingServiceSid"));
        Assert.Null(api.Requests[0].Field("From"));
        Assert.Equal("+212522999999", api.Requests[1].Field("From"));
        Assert.Null(api.Requests[1].Field("MessagingServiceSid"));
    }

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
