using System.Text.Json.Nodes;
using Gateway.Channels;
using Gateway.Conversations;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Outbound;

namespace Gateway.Tests.Channels.WhatsAppCloud;

/// <summary>The Graph API sender against a fake on loopback, called directly (replies after a webhook: WhatsAppCloudReplySpecs).</summary>
public sealed class WhatsAppCloudSenderSpecs
{
    private const string AccessToken = "EAAG-test-token";

    private static GatewayApplication App(FakeGraphApi api) => new GatewayApplication()
        .With("WhatsApp:AccessToken", AccessToken)
        .With("WhatsApp:GraphBaseUrl", api.BaseUrl + "/v21.0")
        .With("WhatsApp:PhoneNumberId", WhatsAppCloudCases.PhoneNumberId)
        .With("WhatsApp:AppSecret", WhatsAppCloudCases.AppSecret)
        .With("WhatsApp:TemplateName", "gateway_notice")
        .With("WhatsApp:Retry:BaseDelay", "00:00:00.001")
        .With("WhatsApp:Retry:MaxDelay", "00:00:00.005");

    private static IMessageSender Sender(GatewayApplication app) =>
        app.Services.GetRequiredService<MessageSenders>().TryGet("whatsapp-cloud", out var sender) ? sender : throw new InvalidOperationException("not registered");

    private static Reply WithOptions(int count, string language = "fr") =>
        new("Quel service ?", [.. Enumerable.Range(1, count).Select(i => new ReplyOption(i.ToString(), $"Service {i}"))], language);

    private static OutboundMessage To(Reply reply, bool withinWindow = true) => new("+212612345678", null, ChannelKind.WhatsApp, reply, WithinWindow: withinWindow);

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), "Unexpected body: " + actual.ToJsonString());

    [Fact]
    public async Task Three_short_options_become_reply_buttons_with_the_option_keys_as_ids()
    {
        await using var api = await FakeGraphApi.StartNewAsync();
        await using var app = App(api);

        var outcome = await Sender(app).SendAsync(To(WithOptions(3)), CancellationToken.None);

        Assert.Equal(SendOutcome.Ok(FakeGraphApi.WamidFor(1)), outcome);
        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"212612345678","type":"interactive",
             "interactive":{"type":"button","body":{"text":"Quel service ?"},"action":{"buttons":[
               {"type":"reply","reply":{"id":"1","title":"Service 1"}},
               {"type":"reply","reply":{"id":"2","title":"Service 2"}},
               {"type":"reply","reply":{"id":"3","title":"Service 3"}}]}}}
            """, Assert.Single(api.Requests).Json);
    }

    [Fact]
    public async Task Five_options_become_a_list_with_the_button_label_in_the_contacts_language()
    {
        await using var api = await FakeGraphApi.StartNewAsync();
        await using var app = App(api);

        await Sender(app).SendAsync(To(WithOptions(5, "ar")), CancellationToken.None);

        var interactive = Assert.Single(api.Requests).Json["interactive"]!;
        Assert.Equal("list", (string?)interactive["type"]);
        Assert.Equal("اختر", (string?)interactive["action"]!["button"]);
        var rows = interactive["action"]!["sections"]![0]!["rows"]!.AsArray();
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Select(r => (string?)r!["id"]));
        Assert.Equal("Service 5", (string?)rows[4]!["title"]);
    }

    [Fact]
    public async Task Twelve_options_become_numbered_text()
    {
        await using var api = await FakeGraphApi.StartNewAsync();
        await using var app = App(api);

        await Sender(app).SendAsync(To(WithOptions(12)), CancellationToken.None);

        var json = Assert.Single(api.Requests).Json;
        Assert.Equal("text", (string?)json["type"]);
        Assert.Equal("Quel service ?\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"{i}. Service {i}")), (string?)json["text"]!["body"]);
        Assert.False((bool)json["text"]!["preview_url"]!);
    }

    [Fact]
    public async Task Outside_the_window_the_template_carries_the_text()
    {
        await using var api = await FakeGraphApi.StartNewAsync();
        await using var app = App(api);

        await Sender(app).SendAsync(To(Reply.Plain("Coupure d'eau demain de 8h à 12h", "fr"), withinWindow: false), CancellationToken.None);

        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"212612345678","type":"template",
             "template":{"name":"gateway_notice","language":{"code":"fr"},
               "components":[{"type":"body","parameters":[{"type":"text","text":"Coupure d'eau demain de 8h à 12h"}]}]}}
            """, Assert.Single(api.Requests).Json);
    }

    [Fact]
    public async Task Request_goes_to_the_phone_numbers_messages_edge_with_the_bearer_token()
    {
        await using var api = await FakeGraphApi.StartNewAsync();
        await using var app = App(api);

        await Sender(app).SendAsync(To(Reply.Plain("Salam", "fr")), CancellationToken.None);

        var request = Assert.Single(api.Requests);
        Assert.Equal($"/v21.0/{WhatsAppCloudCases.PhoneNumberId}/messages", request.Path);
        Assert.Equal("Bearer " + AccessToken, request.Header("Authorization"));
        Assert.StartsWith("application/json", request.ContentType);
    }

    [Fact]
    public async Task Retries_on_429_and_500_then_succeeds()
    {
        await using var api = await FakeGraphApi.StartNewAsync();
        await using var app = App(api);
        api.FailNext(1, 429, "130429");
        api.FailNext(1, 500, "1");

        var outcome = await Sender(app).SendAsync(To(Reply.Plain("Salam", "fr")), CancellationToken.None);

        Assert.Equal(3, api.Requests.Count);
        Assert.True(outcome.Accepted);
    }

    [Fact]
    public async Task Does_not_retry_a_400()
    {
        await using var api = await FakeGraphApi.StartNewAsync();
        await using var app = App(api);
        api.FailNext(1, 400, "131047");

        var outcome = await Sender(app).SendAsync(To(Reply.Plain("Salam", "fr")), CancellationToken.None);

        Assert.Single(api.Requests);
        Assert.Equal(new SendOutcome("failed", null, "131047", "Fake Graph error 131047", Retryable: false), outcome);
    }
}
