using Gateway.Conversations;
using Gateway.Outbound;

namespace Gateway.Tests.Channels.Kannel;

/// <summary>The Kannel outbound table: a message and smsbox's sendsms answers in, the GET it received and the outcome out.</summary>
public sealed class KannelOutgoingCases
{
    private const string SendSms = "/cgi-bin/sendsms";
    private const string DlrUrl = $"https://gw.example.ma/webhooks/kannel/dlr?secret={KannelTestHost.Secret}&id={OutgoingCase.OwnId}";

    public static readonly OutgoingTable Table = new("kannel", new Dictionary<string, string?>
    {
        ["Kannel:SendSmsUrl"] = "{api}" + SendSms,
        ["Kannel:Secret"] = KannelTestHost.Secret,
        ["Kannel:Sender"] = "2727",
        ["Kannel:Username"] = "gw",
        ["Kannel:Password"] = "p@ss&word",
        ["Kannel:RetryDelay"] = "00:00:00.001",
        ["Gateway:PublicBaseUrl"] = "https://gw.example.ma/",
    }, CannedAnswer.Text(202, "0: Accepted for delivery"));

    /// <summary>smsbox's answer when bearerbox cannot take the message now (Kannel user guide, "sendsms" return codes).</summary>
    private static readonly CannedAnswer TemporalFailure = CannedAnswer.Text(503, "Temporal failure, try again later");

    private static readonly Reply Question = new("Votre avis ?", [new("1", "Oui"), new("2", "Non")], "fr");

    public static readonly IReadOnlyList<OutgoingCase> Cases =
    [
        new("French text: GSM-7 (coding 0), the sendsms user, our sender, and a dlr-url naming our id and the reference",
            Sms(Question, reference: "alert-7"), SendOutcome.Ok(OutgoingCase.OwnId))
        {
            ExpectedRequest = Get(
                ("username", "gw"), ("password", "p@ss&word"), ("from", "2727"), ("to", "+212612345678"),
                ("text", "Votre avis ?\n1. Oui\n2. Non"), ("charset", "UTF-8"), ("coding", "0"), ("smsc", null),
                ("dlr-mask", "31"), ("dlr-url", DlrUrl + "&ref=alert-7&status=%d")),
        },
        new("Arabic text is sent as UCS-2 (coding 2)", Sms(Reply.Plain("شكرا على رسالتك", "ar")), SendOutcome.Ok(OutgoingCase.OwnId))
        {
            ExpectedRequest = Get(("text", "شكرا على رسالتك"), ("coding", "2"), ("dlr-url", DlrUrl + "&status=%d")),
        },
        new("The number the contact wrote to is the sender, and a configured smsc routes the message",
            Sms(Reply.Plain("Merci", "fr")) with { From = "2728" }, SendOutcome.Ok(OutgoingCase.OwnId))
        {
            Settings = new Dictionary<string, string?> { ["Kannel:Smsc"] = "iam" },
            ExpectedRequest = Get(("from", "2728"), ("smsc", "iam")),
        },
        new("'3: Queued for later delivery' is accepted too", Sms(Reply.Plain("Merci", "fr")), SendOutcome.Ok(OutgoingCase.OwnId))
        {
            Answers = [CannedAnswer.Text(202, "3: Queued for later delivery")],
            ExpectedRequest = Get(),
        },
        new("A temporal failure (503) is retried until smsbox accepts", Sms(Reply.Plain("AVIS", "fr")), SendOutcome.Ok(OutgoingCase.OwnId))
        {
            Answers = [TemporalFailure, TemporalFailure, Table.Success],
            ExpectedRequest = Get(("text", "AVIS")),
            ExpectedAttempts = 3,
        },
        new("Still a temporal failure after the retries: a retryable failure that keeps our id",
            Sms(Reply.Plain("AVIS", "fr")), new SendOutcome("failed", OutgoingCase.OwnId, "503", "Temporal failure, try again later", Retryable: true))
        {
            Settings = new Dictionary<string, string?> { ["Kannel:MaxRetries"] = "1" },
            Answers = [TemporalFailure],
            ExpectedRequest = Get(),
            ExpectedAttempts = 2,
        },
        new("A refused sendsms user is not retried",
            Sms(Reply.Plain("AVIS", "fr")), new SendOutcome("failed", OutgoingCase.OwnId, "403", "Authorization failed for sendsms", Retryable: false))
        {
            Answers = [CannedAnswer.Text(403, "Authorization failed for sendsms")],
            ExpectedRequest = Get(),
        },
        new("Without a sendsms URL nothing is sent",
            Sms(Reply.Plain("AVIS", "fr")), new SendOutcome("failed", null, "not_configured", "Kannel:SendSmsUrl is not set."))
        {
            Settings = new Dictionary<string, string?> { ["Kannel:SendSmsUrl"] = "" },
        },
    ];

    public static TheoryData<string> Labels => [.. Cases.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Kannel_send(string label) => OutgoingTableRunner.RunAsync(Cases.Single(c => c.Label == label), Table);

    [Fact]
    public void Labels_are_unique() => Assert.Equal(Cases.Count, Cases.Select(c => c.Label).Distinct().Count());

    private static OutboundMessage Sms(Reply reply, string? reference = null) => new("+212612345678", null, ChannelKind.Sms, reply, reference);

    private static ExpectedRequest Get(params (string Name, string? Value)[] fields) => new("GET", SendSms)
    {
        Fields = fields.ToDictionary(f => f.Name, f => f.Value),
    };
}
