using System.Text.Json;
using Gateway.Conversations;
using Gateway.Outbound;

namespace Gateway.Tests.Channels.Infobip;

/// <summary>The Infobip outbound table: a message and the SMS API's answers in, the request and the outcome out.</summary>
public sealed class InfobipOutgoingCases
{
    private const string ApiKey = "003026bbc133714df1834b8638bb496e-8f4b3d9a";
    private const string MessageId = "2250be2d4219-3af1-78856-aabe-1362af1edfd2";
    private const string SendPath = "/sms/2/text/advanced";

    public static readonly OutgoingTable Table = new("infobip", new Dictionary<string, string?>
    {
        ["Infobip:BaseUrl"] = "{api}",
        ["Infobip:ApiKey"] = ApiKey,
        ["Infobip:From"] = "212522000000",
        ["Infobip:Retry:BaseDelay"] = "00:00:00.001",
        ["Infobip:Retry:MaxDelay"] = "00:00:00.005",
    }, new CannedAnswer(200, $$$"""
        {"bulkId":"2034072219640523072","messages":[{"messageId":"{{{MessageId}}}","to":"212612345678",
         "status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED","description":"Message sent to next instance"}}]}
        """));

    public static readonly IReadOnlyList<OutgoingCase> Cases =
    [
        new("One message to one destination, numbered options, with the App key",
            Sms(new Reply("Votre avis ?", [new("1", "Oui"), new("2", "Non")], "fr"), reference: "alert-9"), SendOutcome.Ok(MessageId))
        {
            ExpectedRequest = new("POST", SendPath)
            {
                Json = """{"messages":[{"destinations":[{"to":"212612345678"}],"from":"212522000000","text":"Votre avis ?\n1. Oui\n2. Non"}]}""",
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Authorization"] = "App " + ApiKey, ["Accept"] = "application/json" },
            },
            ExpectedRecorded = ("queued", "alert-9"),
        },
        new("A reply leaves from the number the contact wrote to",
            Sms(Reply.Plain("Merci", "fr")) with { From = "+212522999999" }, SendOutcome.Ok(MessageId))
        {
            ExpectedRequest = new("POST", SendPath)
            {
                Json = """{"messages":[{"destinations":[{"to":"212612345678"}],"from":"212522999999","text":"Merci"}]}""",
            },
        },
        new("A message Infobip rejects in its 200 answer is a failure with the rejection's name",
            Sms(Reply.Plain("Merci", "fr")), new SendOutcome("failed", null, "REJECTED_DESTINATION", "Destination rejected", Retryable: false))
        {
            Answers = [new CannedAnswer(200, """
                {"messages":[{"messageId":"x1","to":"212612345678",
                 "status":{"groupId":5,"groupName":"REJECTED","id":52,"name":"REJECTED_DESTINATION","description":"Destination rejected"}}]}
                """)],
            ExpectedRequest = new("POST", SendPath),
        },
        new("A wrong key (401) is not retried and keeps Infobip's error name",
            Sms(Reply.Plain("Merci", "fr")), new SendOutcome("failed", null, "UNAUTHORIZED", "Invalid login details", Retryable: false))
        {
            Answers = [Error(401, "UNAUTHORIZED", "Invalid login details")],
            ExpectedRequest = new("POST", SendPath),
        },
        new("429 then 500, then accepted: the same request three times", Sms(Reply.Plain("Merci", "fr")), SendOutcome.Ok(MessageId))
        {
            Answers = [Error(429, "TOO_MANY_REQUESTS", "Too many requests"), Error(500, "GENERAL_ERROR", "Something went wrong"), Table.Success],
            ExpectedRequest = new("POST", SendPath),
            ExpectedAttempts = 3,
        },
        new("Still 500 after the retries: a retryable failure",
            Sms(Reply.Plain("Merci", "fr")), new SendOutcome("failed", null, "GENERAL_ERROR", "Something went wrong", Retryable: true))
        {
            Settings = new Dictionary<string, string?> { ["Infobip:Retry:MaxRetries"] = "1" },
            Answers = [Error(500, "GENERAL_ERROR", "Something went wrong")],
            ExpectedRequest = new("POST", SendPath),
            ExpectedAttempts = 2,
        },
        new("Without an API key nothing is sent",
            Sms(Reply.Plain("Merci", "fr")), new SendOutcome("failed", null, null, "Infobip channel is not configured (Infobip__BaseUrl, Infobip__ApiKey)."))
        {
            Settings = new Dictionary<string, string?> { ["Infobip:ApiKey"] = "" },
        },
    ];

    public static TheoryData<string> Labels => [.. Cases.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Infobip_send(string label) => OutgoingTableRunner.RunAsync(Cases.Single(c => c.Label == label), Table);

    [Fact]
    public void Labels_are_unique() => Assert.Equal(Cases.Count, Cases.Select(c => c.Label).Distinct().Count());

    private static OutboundMessage Sms(Reply reply, string? reference = null) => new("+212612345678", null, ChannelKind.Sms, reply, reference);

    /// <summary>Infobip's API error (https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes).</summary>
    private static CannedAnswer Error(int status, string name, string text) =>
        new(status, """{"requestError":{"serviceException":{"messageId":""" + JsonSerializer.Serialize(name) + ""","text":""" + JsonSerializer.Serialize(text) + "}}}");
}
