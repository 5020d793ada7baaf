using System.Text.Json;
using Gateway.Conversations;
using Gateway.Outbound;

namespace Gateway.Tests.Channels.WhatsAppCloud;

/// <summary>The Graph API outbound table: a message and the API's answers in, the request and the outcome out.</summary>
public sealed class WhatsAppCloudOutgoingCases
{
    private const string AccessToken = "EAAG-test-token";
    private const string Wamid = "wamid.FAKE000001";
    private const string MessagesPath = $"/v21.0/{WhatsAppCloudCases.PhoneNumberId}/messages";

    public static readonly OutgoingTable Table = new("whatsapp-cloud", new Dictionary<string, string?>
    {
        ["WhatsApp:AccessToken"] = AccessToken,
        ["WhatsApp:GraphBaseUrl"] = "{api}/v21.0",
        ["WhatsApp:PhoneNumberId"] = WhatsAppCloudCases.PhoneNumberId,
        ["WhatsApp:AppSecret"] = WhatsAppCloudCases.AppSecret,
        ["WhatsApp:TemplateName"] = "gateway_notice",
        ["WhatsApp:Retry:BaseDelay"] = "00:00:00.001",
        ["WhatsApp:Retry:MaxDelay"] = "00:00:00.005",
    }, new CannedAnswer(200, $$"""
        {"messaging_product":"whatsapp","contacts":[{"input":"212612345678","wa_id":"212612345678"}],
         "messages":[{"id":"{{Wamid}}","message_status":"accepted"}]}
        """));

    public static readonly IReadOnlyList<OutgoingCase> Cases =
    [
        new("Three short options become reply buttons with the option keys as ids, sent with the bearer token",
            To(WithOptions(3)) with { Reference = "alert-7" }, SendOutcome.Ok(Wamid))
        {
            ExpectedRequest = new("POST", MessagesPath)
            {
                Json = """
                    {"messaging_product":"whatsapp","recipient_type":"individual","to":"212612345678","type":"interactive",
                     "interactive":{"type":"button","body":{"text":"Quel service ?"},"action":{"buttons":[
                       {"type":"reply","reply":{"id":"1","title":"Service 1"}},
                       {"type":"reply","reply":{"id":"2","title":"Service 2"}},
                       {"type":"reply","reply":{"id":"3","title":"Service 3"}}]}}}
                    """,
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + AccessToken },
            },
            ExpectedRecorded = ("accepted", "alert-7"),
        },
        new("Five options become a list with the button label in the contact's language", To(WithOptions(5, "ar")), SendOutcome.Ok(Wamid))
        {
            ExpectedRequest = new("POST", MessagesPath)
            {
                Json = """
                    {"messaging_product":"whatsapp","recipient_type":"individual","to":"212612345678","type":"interactive",
                     "interactive":{"type":"list","body":{"text":"Quel service ?"},"action":{"button":"اختر","sections":[{"title":"اختر","rows":[
                       {"id":"1","title":"Service 1"},{"id":"2","title":"Service 2"},{"id":"3","title":"Service 3"},
                       {"id":"4","title":"Service 4"},{"id":"5","title":"Service 5"}]}]}}}
                    """,
            },
        },
        new("Twelve options become numbered text without a link preview", To(WithOptions(12)), SendOutcome.Ok(Wamid))
        {
            ExpectedRequest = new("POST", MessagesPath)
            {
                Json = JsonSerializer.Serialize(new
                {
                    messaging_product = "whatsapp",
                    recipient_type = "individual",
                    to = "212612345678",
                    type = "text",
                    text = new
                    {
                        body = "Quel service ?\n" + string.Join("\n", Enumerable.Range(1, 12).Select(i => $"{i}. Service {i}")),
                        preview_url = false,
                    },
                }),
            },
        },
        new("Outside the window the template carries the text",
            To(Reply.Plain("Coupure d'eau demain de 8h à 12h", "fr"), withinWindow: false), SendOutcome.Ok(Wamid))
        {
            ExpectedRequest = new("POST", MessagesPath)
            {
                Json = """
                    {"messaging_product":"whatsapp","recipient_type":"individual","to":"212612345678","type":"template",
                     "template":{"name":"gateway_notice","language":{"code":"fr"},
                       "components":[{"type":"body","parameters":[{"type":"text","text":"Coupure d'eau demain de 8h à 12h"}]}]}}
                    """,
            },
        },
        new("Outside the window without a template nothing is sent",
            To(Reply.Plain("Salam", "fr"), withinWindow: false),
            new SendOutcome("failed", null, "131047", "WhatsApp window closed and WhatsApp__TemplateName is not set."))
        {
            Settings = new Dictionary<string, string?> { ["WhatsApp:TemplateName"] = "" },
        },
        new("A reply leaves from the phone_number_id the contact wrote to",
            To(Reply.Plain("Salam", "fr")) with { From = "109876543210" }, SendOutcome.Ok(Wamid))
        {
            ExpectedRequest = new("POST", "/v21.0/109876543210/messages"),
        },
        new("429 then 500, then accepted: the same request three times", To(Reply.Plain("Salam", "fr")), SendOutcome.Ok(Wamid))
        {
            Answers = [Error(429, 130429), Error(500, 1), Table.Success],
            ExpectedRequest = new("POST", MessagesPath),
            ExpectedAttempts = 3,
        },
        new("A 400 is not retried and keeps Meta's code",
            To(Reply.Plain("Salam", "fr")), new SendOutcome("failed", null, "131047", "Fake Graph error 131047", Retryable: false))
        {
            Answers = [Error(400, 131047)],
            ExpectedRequest = new("POST", MessagesPath),
        },
        new("Without an access token nothing is sent",
            To(Reply.Plain("Salam", "fr")),
            new SendOutcome("failed", null, null, "WhatsApp Cloud channel is not configured (WhatsApp__AccessToken, WhatsApp__PhoneNumberId)."))
        {
            Settings = new Dictionary<string, string?> { ["WhatsApp:AccessToken"] = "" },
        },
    ];

    public static TheoryData<string> Labels => [.. Cases.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task WhatsApp_cloud_send(string label) => OutgoingTableRunner.RunAsync(Cases.Single(c => c.Label == label), Table);

    [Fact]
    public void Labels_are_unique() => Assert.Equal(Cases.Count, Cases.Select(c => c.Label).Distinct().Count());

    private static Reply WithOptions(int count, string language = "fr") =>
        new("Quel service ?", [.. Enumerable.Range(1, count).Select(i => new ReplyOption(i.ToString(), $"Service {i}"))], language);

    private static OutboundMessage To(Reply reply, bool withinWindow = true) => new("+212612345678", null, ChannelKind.WhatsApp, reply, WithinWindow: withinWindow);

    /// <summary>Graph's JSON error (https://developers.facebook.com/docs/graph-api/guides/error-handling).</summary>
    private static CannedAnswer Error(int status, int code) =>
        new(status, $$$"""{"error":{"message":"Fake Graph error {{{code}}}","type":"OAuthException","code":{{{code}}},"fbtrace_id":"Afake"}}""");
}
