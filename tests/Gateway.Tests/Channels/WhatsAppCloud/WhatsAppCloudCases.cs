using System.Text;
using Gateway.Channels.WhatsAppCloud;
using Gateway.Conversations;

namespace Gateway.Tests.Channels.WhatsAppCloud;

/// <summary>The WhatsApp Cloud API table: Meta's handshake and signed webhooks in, status codes and engine input out.</summary>
public sealed class WhatsAppCloudCases
{
    public const string AppSecret = "meta_app_secret_123";
    public const string VerifyToken = "verify-me-7f3a";
    public const string PhoneNumberId = "106540352242922";
    private const string Wamid = "wamid.HBgMMjEyNjEyMzQ1Njc4FQIAEhgUM0VCMDc5";

    public static readonly IReadOnlyDictionary<string, string?> BaseSettings = new Dictionary<string, string?>
    {
        ["WhatsApp:AppSecret"] = AppSecret,
        ["WhatsApp:VerifyToken"] = VerifyToken,
        ["WhatsApp:PhoneNumberId"] = PhoneNumberId,
        // No access token: a reply these cases caused would be refused as "not configured" instead of reaching Meta.
        ["WhatsApp:AccessToken"] = "",
    };

    public static readonly IReadOnlyList<ChannelCase> Cases =
    [
        new("Verify handshake with the right token echoes the bare challenge",
            ChannelRequest.Get($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444"), 200)
        {
            ExpectedBody = "1158201444",
            ExpectedContentType = "text/plain; charset=utf-8",
        },
        new("Verify handshake with a wrong token is refused",
            ChannelRequest.Get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444"), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Verification failed"),
        },
        new("Verify handshake with another mode is refused",
            ChannelRequest.Get($"/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444"), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Verification failed"),
        },
        new("Meta's signature vector is accepted over HTTP",
            ChannelRequest.Post("/webhooks/whatsapp", "{\"hello\":\"world\"}", "application/json")
                .WithHeader("X-Hub-Signature-256", "sha256=a20c90d749c3919f645b97d5c5a002367f847ed9ee1fba48f8cf6e041d233004"), 200),
        new("French text message reaches the engine",
            Signed(Envelope(Message("text", "\"text\":{\"body\":\"Bonjour, l'éclairage public est en panne\"}"))), 200)
        {
            ExpectedInbound = [Inbound("Bonjour, l'éclairage public est en panne")],
        },
        new("Arabic text sent as escaped unicode is verified over the raw bytes and decoded",
            Signed(Envelope(Message("text", "\"text\":{\"body\":\"\\u0645\\u0631\\u062d\\u0628\\u0627\"}"))), 200)
        {
            ExpectedInbound = [Inbound("مرحبا")],
        },
        new("A signature over re-serialised (unescaped) JSON does not match the raw body",
            Signed(Envelope(Message("text", "\"text\":{\"body\":\"مرحبا\"}")))
                with { Body = Encoding.UTF8.GetBytes(Envelope(Message("text", "\"text\":{\"body\":\"\\u0645\\u0631\\u062d\\u0628\\u0627\"}"))) }, 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Meta signature"),
        },
        new("A tapped reply button's id is the payload and its title the text",
            Signed(Envelope(Message("interactive",
                "\"context\":{\"from\":\"212522000000\",\"id\":\"wamid.prev\"},\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"2\",\"title\":\"Non\"}}"))), 200)
        {
            ExpectedInbound = [Inbound("Non", payload: "2")],
        },
        new("A picked list row's id is the payload",
            Signed(Envelope(Message("interactive",
                "\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"4\",\"title\":\"Éclairage\",\"description\":\"Lampadaires\"}}"))), 200)
        {
            ExpectedInbound = [Inbound("Éclairage", payload: "4")],
        },
        new("A template quick-reply button's payload is the payload",
            Signed(Envelope(Message("button", "\"button\":{\"payload\":\"poll-7:1\",\"text\":\"Oui\"}"))), 200)
        {
            ExpectedInbound = [Inbound("Oui", payload: "poll-7:1")],
        },
        new("An image's caption is the text",
            Signed(Envelope(Message("image", "\"image\":{\"caption\":\"Nid de poule rue 5\",\"mime_type\":\"image/jpeg\",\"id\":\"123\"}"))), 200)
        {
            ExpectedInbound = [Inbound("Nid de poule rue 5")],
        },
        new("Two messages in one webhook reach the engine in order",
            Signed(Envelope(Message("text", "\"text\":{\"body\":\"un\"}", id: "wamid.1") + "," + Message("text", "\"text\":{\"body\":\"deux\"}", id: "wamid.2"))), 200)
        {
            ExpectedInbound = [Inbound("un", id: "wamid.1"), Inbound("deux", id: "wamid.2")],
        },
        new("A delivered status is recorded and announced",
            Signed(StatusEnvelope("{\"id\":\"wamid.OUT1\",\"status\":\"delivered\",\"timestamp\":\"1739321100\",\"recipient_id\":\"212612345678\"}")), 200)
        {
            ExpectedStatuses = [new ExpectedStatus("wamid.OUT1", "whatsapp-cloud", "delivered", null)],
        },
        new("A failed status carries Meta's error code",
            Signed(StatusEnvelope("{\"id\":\"wamid.OUT2\",\"status\":\"failed\",\"timestamp\":\"1739321100\",\"recipient_id\":\"212612345678\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]}")), 200)
        {
            ExpectedStatuses = [new ExpectedStatus("wamid.OUT2", "whatsapp-cloud", "failed", "131047")],
        },
        new("A missing signature is refused and nothing processed",
            ChannelRequest.Post("/webhooks/whatsapp", Envelope(Message("text", "\"text\":{\"body\":\"1\"}")), "application/json"), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Meta signature"),
        },
        new("A signature made with another secret is refused",
            Signed(Envelope(Message("text", "\"text\":{\"body\":\"1\"}")), secret: "not_the_secret"), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Meta signature"),
        },
        new("A signature header that is not hex is refused",
            ChannelRequest.Post("/webhooks/whatsapp", "{}", "application/json").WithHeader("X-Hub-Signature-256", "sha256=zz"), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Meta signature"),
        },
        new("Without an app secret the webhook answers 503 and never runs unsigned",
            ChannelRequest.Post("/webhooks/whatsapp", Envelope(Message("text", "\"text\":{\"body\":\"1\"}")), "application/json"), 503)
        {
            Settings = new Dictionary<string, string?> { ["WhatsApp:AppSecret"] = "" },
            BodyMatches = ChannelTableRunner.Problem("WhatsApp Cloud channel is not configured"),
        },
        new("A body over the limit is refused with 413",
            Signed(Envelope(Message("text", "\"text\":{\"body\":\"" + new string('a', 300_000) + "\"}"))), 413)
        {
            BodyMatches = ChannelTableRunner.Problem("Request body too large"),
        },
        new("Signed but malformed JSON is a 400 problem, not a 500",
            Signed("{\"object\":\"whatsapp_business_account\",\"entry\":[{"), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Malformed webhook body"),
        },
        new("Signed JSON that is not an object is a 400 problem",
            Signed("[1,2,3]"), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Malformed webhook body"),
        },
    ];

    public static TheoryData<string> Labels => [.. Cases.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task WhatsApp_cloud_webhook(string label) => ChannelTableRunner.RunAsync(Cases.Single(c => c.Label == label), BaseSettings);

    [Fact]
    public void Labels_are_unique() => Assert.Equal(Cases.Count, Cases.Select(c => c.Label).Distinct().Count());

    [Fact]
    public void Meta_signature_vector() =>
        Assert.Equal("sha256=a20c90d749c3919f645b97d5c5a002367f847ed9ee1fba48f8cf6e041d233004", WhatsAppCloudSignature.Compute(AppSecret, "{\"hello\":\"world\"}"u8));

    public static ChannelRequest Signed(string json, string secret = AppSecret) =>
        ChannelRequest.Post("/webhooks/whatsapp", json, "application/json")
            .WithHeader(WhatsAppCloudSignature.Header, WhatsAppCloudSignature.Compute(secret, Encoding.UTF8.GetBytes(json)));

    public static string Message(string type, string content, string id = Wamid) =>
        $"{{\"from\":\"212612345678\",\"id\":\"{id}\",\"timestamp\":\"1739321024\",\"type\":\"{type}\",{content}}}";

    public static string Envelope(string messages) =>
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messages\",\"value\":{" +
        "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"212522000000\",\"phone_number_id\":\"" + PhoneNumberId + "\"}," +
        "\"contacts\":[{\"profile\":{\"name\":\"Fatima\"},\"wa_id\":\"212612345678\"}],\"messages\":[" + messages + "]}}]}]}";

    private static string StatusEnvelope(string status) =>
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messages\",\"value\":{" +
        "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"212522000000\",\"phone_number_id\":\"" + PhoneNumberId + "\"}," +
        "\"statuses\":[" + status + "]}}]}]}";

    private static InboundMessage Inbound(string text, string? payload = null, string id = Wamid) =>
        new(ChannelKind.WhatsApp, "whatsapp-cloud", "+212612345678", "+212522000000", text, payload, id)
        {
            ReplyDelivery = ReplyDelivery.Outbox,
            ReplyFrom = PhoneNumberId,
        };
}
