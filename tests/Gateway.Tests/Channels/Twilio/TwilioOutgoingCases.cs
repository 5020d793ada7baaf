using System.Text;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Outbound;

namespace Gateway.Tests.Channels.Twilio;

/// <summary>The Twilio outbound table: a message and the Messages API's answers in, the request and the outcome out.</summary>
public sealed class TwilioOutgoingCases
{
    private const string AccountSid = "ACtest0001";
    private const string Sid = "SM00000000000000000000000000000001";
    private const string MessagesPath = $"/2010-04-01/Accounts/{AccountSid}/Messages.json";
    private const string TemplateSid = "HX0123456789abcdef0123456789abcdef";
    private const string ServiceSid = "MG0123456789abcdef0123456789abcdef";

    public static readonly OutgoingTable Table = new("twilio", new Dictionary<string, string?>
    {
        ["Twilio:AccountSid"] = AccountSid,
        ["Twilio:AuthToken"] = TwilioCases.Token,
        ["Twilio:ApiBaseUrl"] = "{api}",
        ["Gateway:PublicBaseUrl"] = "https://gw.example.ma",
        ["Twilio:From"] = "+212522000000",
        ["Twilio:WhatsAppFrom"] = "+14155238886",
        ["Twilio:Retry:BaseDelay"] = "00:00:00.001",
        ["Twilio:Retry:MaxDelay"] = "00:00:00.005",
    }, new CannedAnswer(201, $$"""{"sid":"{{Sid}}","status":"queued","error_code":null,"api_version":"2010-04-01"}"""));

    private static readonly Reply Question = new("Votre avis ?", [new("1", "Oui"), new("2", "Non")], "fr");

    public static readonly IReadOnlyList<OutgoingCase> Cases =
    [
        new("SMS: the form is byte for byte what twilio-node sends, to the account's Messages resource with basic auth",
            Sms("Salam ça va? مرحبا", reference: "alert-42"), SendOutcome.Ok(Sid))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:StatusCallbackUrl"] = "https://gw.example.ma/twilio/status" },
            ExpectedRequest = new("POST", MessagesPath)
            {
                Body = "To=%2B212612345678&StatusCallback=https%3A%2F%2Fgw.example.ma%2Ftwilio%2Fstatus&From=%2B212522000000&Body=Salam%20%C3%A7a%20va%3F%20%D9%85%D8%B1%D8%AD%D8%A8%D8%A7",
                ContentType = "application/x-www-form-urlencoded",
                Headers = new Dictionary<string, string>
                {
                    ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{TwilioCases.Token}")),
                    ["Accept"] = "application/json",
                },
            },
            ExpectedRecorded = ("queued", "alert-42"),
        },
        new("SMS: the status callback defaults to the public base URL", Sms("Bonjour"), SendOutcome.Ok(Sid))
        {
            ExpectedRequest = Post(("StatusCallback", "https://gw.example.ma/webhooks/twilio/status")),
        },
        new("SMS: options are sent as numbered lines",
            new("+212612345678", null, ChannelKind.Sms, Question), SendOutcome.Ok(Sid))
        {
            ExpectedRequest = Post(("Body", "Votre avis ?\n1. Oui\n2. Non")),
        },
        new("SMS: French accents outside GSM-7 are folded so the message stays GSM-7",
            Sms("Réunion à Al Hoceïma, cœur du problème"), SendOutcome.Ok(Sid))
        {
            ExpectedRequest = Post(("Body", "Réunion à Al Hoceima, coeur du problème")),
        },
        new("429 (20429) twice, then accepted: the same request three times",
            Sms("Bonjour"), SendOutcome.Ok(Sid))
        {
            Answers = [Error(429, 20429), Error(429, 20429), Table.Success],
            ExpectedRequest = Post(("Body", "Bonjour")),
            ExpectedAttempts = 3,
        },
        new("500 once, then accepted", Sms("Bonjour"), SendOutcome.Ok(Sid))
        {
            Answers = [Error(500, 20500), Table.Success],
            ExpectedRequest = Post(),
            ExpectedAttempts = 2,
        },
        new("Still 429 after the configured retries: a retryable failure with Twilio's code",
            Sms("Bonjour"), new SendOutcome("failed", null, "20429", "Too Many Requests", Retryable: true))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:Retry:MaxRetries"] = "2" },
            Answers = [Error(429, 20429, "Too Many Requests")],
            ExpectedRequest = Post(),
            ExpectedAttempts = 3,
        },
        new("No answer within the attempt timeout: not sent again (Twilio may have taken it), an unconfirmed outcome",
            Sms("Bonjour"), SendOutcome.NoAnswer(null, null))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:Retry:AttemptTimeout"] = "00:00:00.300" },
            Answers = [Table.Success with { Delay = TimeSpan.FromSeconds(5) }],
            ExpectedRequest = Post(),
            ExpectedAttempts = 1,
        },
        new("No connection at all: retried, then a retryable failure (nothing can have left)",
            Sms("Bonjour"), new SendOutcome("failed", null, null, OutgoingCase.AnyError, Retryable: true))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:ApiBaseUrl"] = "http://127.0.0.1:9", ["Twilio:Retry:MaxRetries"] = "1" },
        },
        new("An invalid number (21211) is not retried",
            Sms("Bonjour"), new SendOutcome("failed", null, "21211", "The 'To' number is not a valid phone number.", Retryable: false))
        {
            Answers = [Error(400, 21211, "The 'To' number is not a valid phone number.")],
            ExpectedRequest = Post(),
        },
        new("An unsubscribed recipient (21610) is reported as opted out",
            Sms("Bonjour"), new SendOutcome("opted_out", null, "21610", "Attempt to send to unsubscribed recipient"))
        {
            Answers = [Error(400, 21610, "Attempt to send to unsubscribed recipient")],
            ExpectedRequest = Post(),
        },
        new("An error without Twilio's JSON keeps the HTTP status as its code",
            Sms("Bonjour"), new SendOutcome("failed", null, "403", "Forbidden", Retryable: false))
        {
            Answers = [CannedAnswer.Text(403, "<html>forbidden</html>")],
            ExpectedRequest = Post(),
        },
        new("WhatsApp outside the window (63016) is a failure with its code",
            WhatsApp(Reply.Plain("Salam", "fr")), new SendOutcome("failed", null, "63016", "Fake Twilio error 63016", Retryable: false))
        {
            Answers = [Error(400, 63016)],
            ExpectedRequest = Post(),
        },
        new("WhatsApp within the window: prefixed addresses and numbered text, no template",
            WhatsApp(Question), SendOutcome.Ok(Sid))
        {
            ExpectedRequest = Post(("To", "whatsapp:+212612345678"), ("From", "whatsapp:+14155238886"), ("Body", "Votre avis ?\n1. Oui\n2. Non"), ("ContentSid", null)),
        },
        new("WhatsApp outside the window: the content template instead of a body",
            new("+212612345678", "+14155238886", ChannelKind.WhatsApp, Reply.Plain("Réunion publique jeudi à 18h", "fr"), WithinWindow: false),
            SendOutcome.Ok(Sid))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:WhatsAppTemplateContentSid"] = TemplateSid },
            ExpectedRequest = Post(("ContentSid", TemplateSid), ("ContentVariables", "{\"1\":\"Réunion publique jeudi à 18h\"}")) with
            {
                FieldNames = ["To", "StatusCallback", "From", "ContentSid", "ContentVariables"],
            },
        },
        new("WhatsApp outside the window without a template is not attempted",
            WhatsApp(Reply.Plain("Salam", "fr"), withinWindow: false),
            new SendOutcome("failed", null, "63016", "WhatsApp window closed and Twilio__WhatsAppTemplateContentSid is not set.")),
        new("The messaging service is used when the message names no sender", Sms("Bonjour"), SendOutcome.Ok(Sid))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:MessagingServiceSid"] = ServiceSid },
            ExpectedRequest = Post(("MessagingServiceSid", ServiceSid), ("From", null)),
        },
        new("The number the contact wrote to wins over the messaging service", Sms("Bonjour", from: "+212522999999"), SendOutcome.Ok(Sid))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:MessagingServiceSid"] = ServiceSid },
            ExpectedRequest = Post(("From", "+212522999999"), ("MessagingServiceSid", null)),
        },
        new("Without an AuthToken nothing is sent",
            Sms("Bonjour"), new SendOutcome("failed", null, null, "Twilio channel is not configured (Twilio__AccountSid, Twilio__AuthToken)."))
        {
            Settings = new Dictionary<string, string?> { ["Twilio:AuthToken"] = "" },
        },
    ];

    public static TheoryData<string> Labels => [.. Cases.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Twilio_send(string label) => OutgoingTableRunner.RunAsync(Cases.Single(c => c.Label == label), Table);

    [Fact]
    public void Labels_are_unique() => Assert.Equal(Cases.Count, Cases.Select(c => c.Label).Distinct().Count());

    private static OutboundMessage Sms(string text, string? from = null, string? reference = null) =>
        new("+212612345678", from, ChannelKind.Sms, Reply.Plain(text, "fr"), reference);

    private static OutboundMessage WhatsApp(Reply reply, bool withinWindow = true) =>
        new("+212612345678", null, ChannelKind.WhatsApp, reply, WithinWindow: withinWindow);

    private static ExpectedRequest Post(params (string Name, string? Value)[] fields) => new("POST", MessagesPath)
    {
        Fields = fields.ToDictionary(f => f.Name, f => f.Value),
    };

    /// <summary>Twilio's JSON error (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions).</summary>
    private static CannedAnswer Error(int status, int code, string? message = null) => new(status, JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["code"] = code,
        ["message"] = message ?? $"Fake Twilio error {code}",
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    }));
}
