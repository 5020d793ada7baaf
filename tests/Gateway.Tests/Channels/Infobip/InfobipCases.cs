using Gateway.Conversations;
using Gateway.Testing.Fakes;

namespace Gateway.Tests.Channels.Infobip;

/// <summary>The Infobip inbound table: forwarded JSON (with or without the secret) in, the engine's input and the answer out.</summary>
public sealed class InfobipCases
{
    public const string Secret = "infobip-s3cret";
    private const string Url = "/webhooks/infobip?secret=" + Secret;
    private const string Json = "application/json";

    public static readonly IReadOnlyDictionary<string, string?> BaseSettings = new Dictionary<string, string?>
    {
        ["Infobip:WebhookSecret"] = Secret,
    };

    public static readonly IReadOnlyList<ChannelCase> Cases =
    [
        new("A forwarded SMS reaches the engine, its replies go through the outbox from the number written to",
            ChannelRequest.Post(Url, Forward(Result("817790313235066447", "212612345678", "212522000000", "AVIS la route est cassée")), Json), 200)
        {
            EngineResult = RecordingEngine.Says(Reply.Plain("Merci", "fr")),
            ExpectedBody = "",
            ExpectedInbound = [In("817790313235066447", "AVIS la route est cassée")],
        },
        new("Every result of a forward is a message, in order",
            ChannelRequest.Post(Url, Forward(
                Result("1001", "212612345678", "212522000000", "Salam"),
                Result("1002", "212612345678", "212522000000", "السلام عليكم")), Json), 200)
        {
            ExpectedInbound = [In("1001", "Salam"), In("1002", "السلام عليكم")],
        },
        new("A short code as the recipient is kept as sent",
            ChannelRequest.Post(Url, Forward(Result("1003", "212612345678", "2727", "AVIS")), Json), 200)
        {
            ExpectedInbound = [In("1003", "AVIS") with { To = "2727", ReplyFrom = "2727" }],
        },
        new("The secret may come as a header instead of the query",
            ChannelRequest.Post("/webhooks/infobip", Forward(Result("1004", "212612345678", "212522000000", "AVIS")), Json)
                .WithHeader("X-Gateway-Secret", Secret), 200)
        {
            ExpectedInbound = [In("1004", "AVIS")],
        },
        new("A sender that is not a phone number is skipped, the others still run",
            ChannelRequest.Post(Url, Forward(
                Result("1005", "InfoSMS", "212522000000", "promo"),
                Result("1006", "212612345678", "212522000000", "AVIS")), Json), 200)
        {
            ExpectedInbound = [In("1006", "AVIS")],
        },
        new("Without the secret the forward is refused and the engine does not run",
            ChannelRequest.Post("/webhooks/infobip", Forward(Result("1007", "212612345678", "212522000000", "AVIS")), Json), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Forbidden"),
        },
        new("A wrong secret is refused",
            ChannelRequest.Post("/webhooks/infobip?secret=not-" + Secret, Forward(Result("1008", "212612345678", "212522000000", "AVIS")), Json), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Forbidden"),
        },
        new("Until a secret is configured the webhook answers 503",
            ChannelRequest.Post(Url, Forward(Result("1009", "212612345678", "212522000000", "AVIS")), Json), 503)
        {
            Settings = new Dictionary<string, string?> { ["Infobip:WebhookSecret"] = "" },
            BodyMatches = ChannelTableRunner.Problem("Infobip channel is not configured"),
        },
        new("A body that is not JSON is a 400 problem",
            ChannelRequest.Post(Url, "results=1", "application/x-www-form-urlencoded"), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Malformed webhook body"),
        },
        new("A body over the limit is a 413 problem, read in pieces when its length is not announced",
            ChannelRequest.Post(Url, Forward(Result("1010", "212612345678", "212522000000", new string('a', 2000))), Json) with { Chunked = true }, 413)
        {
            Settings = new Dictionary<string, string?> { ["Infobip:MaxBodyBytes"] = "1024" },
            BodyMatches = ChannelTableRunner.Problem("Request body too large"),
        },
    ];

    public static TheoryData<string> Labels => [.. Cases.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Infobip_webhook(string label) => ChannelTableRunner.RunAsync(Cases.Single(c => c.Label == label), BaseSettings);

    [Fact]
    public void Labels_are_unique() => Assert.Equal(Cases.Count, Cases.Select(c => c.Label).Distinct().Count());

    /// <summary>Infobip's MO_JSON_2 forward (https://www.infobip.com/docs/api/channels/sms/inbound-sms/receive-inbound-sms-messages).</summary>
    private static string Forward(params string[] results) =>
        $$"""{"results":[{{string.Join(",", results)}}],"messageCount":{{results.Length}},"pendingMessageCount":0}""";

    private static string Result(string id, string from, string to, string text) => System.Text.Json.JsonSerializer.Serialize(new
    {
        messageId = id,
        from,
        to,
        text,
        cleanText = text,
        keyword = text.Split(' ')[0],
        receivedAt = "2026-11-24T11:00:00.000+0000",
        smsCount = 1,
        price = new { pricePerMessage = 0, currency = "EUR" },
        callbackData = (string?)null,
    });

    private static InboundMessage In(string id, string text) =>
        new(ChannelKind.Sms, "infobip", "+212612345678", "+212522000000", text, null, id)
        {
            ReplyDelivery = ReplyDelivery.Outbox,
            ReplyFrom = "+212522000000",
        };
}
