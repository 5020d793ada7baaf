using System.Text;
using Gateway.Channels.Twilio;
using Gateway.Conversations;

namespace Gateway.Tests.Channels.Twilio;

/// <summary>The Twilio table: raw signed (or not) webhooks in, TwiML / problems and engine input out.</summary>
public sealed class TwilioCases
{
    public const string Token = "test_auth_token_abc";
    public const string PublicBase = "https://gw.example.ma";
    public const string FormType = "application/x-www-form-urlencoded";
    private const string Sid = "SM00000000000000000000000000000001";
    private const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    public static readonly IReadOnlyDictionary<string, string?> BaseSettings = new Dictionary<string, string?>
    {
        ["Twilio:AuthToken"] = Token,
        ["Twilio:AccountSid"] = "ACtest",
        ["Gateway:PublicBaseUrl"] = PublicBase,
    };

    private static readonly Reply FrenchQuestion = new("Merci! La route est-elle praticable ?", [new("1", "Oui"), new("2", "Non")], "fr");

    public static readonly IReadOnlyList<ChannelCase> Cases =
    [
        new("French SMS reaches the engine and the reply is TwiML with numbered options",
            Signed("/webhooks/twilio", Sms("Bonjour, la route de Tiznit est cassée")), 200)
        {
            EngineResult = RecordingEngine.Says(FrenchQuestion),
            ExpectedBody = Xml + "<Response><Message>Merci! La route est-elle praticable ?\n1. Oui\n2. Non</Message></Response>",
            ExpectedContentType = "text/xml; charset=utf-8",
            ExpectedInbound = [SmsIn("Bonjour, la route de Tiznit est cassée")],
        },
        new("Arabic SMS reaches the engine and the Arabic reply is written as UTF-8 text",
            Signed("/webhooks/twilio", Sms("السلام عليكم، الطريق مقطوعة")), 200)
        {
            EngineResult = RecordingEngine.Says(new Reply("شكرا! هل الطريق سالكة؟", [new("1", "نعم"), new("2", "لا")], "ar")),
            ExpectedBody = Xml + "<Response><Message>شكرا! هل الطريق سالكة؟\n1. نعم\n2. لا</Message></Response>",
            ExpectedInbound = [SmsIn("السلام عليكم، الطريق مقطوعة")],
        },
        new("A signature computed independently (Python hmac) over the public URL is accepted",
            ChannelRequest.Post("/webhooks/twilio",
                    "MessageSid=SM00000000000000000000000000000001&From=%2B212612345678&To=%2B212522000000&Body=Bonjour", FormType)
                .WithHeader("X-Twilio-Signature", "YzEkPCpOraapPdSxXtz5OOXNMkM="), 200)
        {
            ExpectedBody = Xml + "<Response/>",
            ExpectedInbound = [SmsIn("Bonjour")],
        },
        new("Spaces sent as '+' are decoded before signing and reach the engine as spaces",
            ChannelRequest.Post("/webhooks/twilio", "MessageSid=" + Sid + "&From=%2B212612345678&To=%2B212522000000&Body=Salam+tout+le+monde", FormType)
                .WithHeader("X-Twilio-Signature", Sign(PublicBase + "/webhooks/twilio",
                    ("MessageSid", Sid), ("From", "+212612345678"), ("To", "+212522000000"), ("Body", "Salam tout le monde"))), 200)
        {
            ExpectedBody = Xml + "<Response/>",
            ExpectedInbound = [SmsIn("Salam tout le monde")],
        },
        new("The raw query string of the webhook URL is part of the signed URL",
            Signed("/webhooks/twilio?commune=tiznit&note=a%20b", Sms("Salam")), 200)
        {
            ExpectedBody = Xml + "<Response/>",
            ExpectedInbound = [SmsIn("Salam")],
        },
        new("A signature over the URL without its query string is rejected",
            SignedAs(PublicBase + "/webhooks/twilio", "/webhooks/twilio?commune=tiznit", Sms("Salam")), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("Repeated keys are signed value by value, in sorted order",
            Signed("/webhooks/twilio", Sms("Salam", extra: [("Tag", "zeta"), ("Tag", "alpha")])), 200)
        {
            ExpectedBody = Xml + "<Response/>",
            ExpectedInbound = [SmsIn("Salam")],
        },
        new("Repeated keys joined with commas (twilio-aspnet's way) do not verify",
            ChannelRequest.Post("/webhooks/twilio", Encode([.. Sms("Salam"), ("Tag", "zeta"), ("Tag", "alpha")]), FormType)
                .WithHeader("X-Twilio-Signature", Sign(PublicBase + "/webhooks/twilio", [.. Sms("Salam"), ("Tag", "zeta,alpha")])), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("Unknown fields Twilio may add later are accepted and signed",
            Signed("/webhooks/twilio", Sms("Salam", extra: [("SmsStatus", "received"), ("ApiVersion", "2010-04-01"), ("FromCountry", "MA"), ("BrandNewField2027", "x")])), 200)
        {
            ExpectedBody = Xml + "<Response/>",
            ExpectedInbound = [SmsIn("Salam")],
        },
        new("A field added after signing is rejected",
            ChannelRequest.Post("/webhooks/twilio", Encode([.. Sms("Salam"), ("Body2", "forged vote")]), FormType)
                .WithHeader("X-Twilio-Signature", Sign(PublicBase + "/webhooks/twilio", Sms("Salam"))), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("A missing signature is rejected with 403 and nothing processed, even from the local machine",
            ChannelRequest.Post("/webhooks/twilio", Encode(Sms("1")), FormType), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
            ExpectedContentType = "application/problem+json",
        },
        new("A malformed signature is rejected",
            ChannelRequest.Post("/webhooks/twilio", Encode(Sms("1")), FormType).WithHeader("X-Twilio-Signature", "not base64 !!"), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("A signature made with another account's token is rejected",
            SignedAs(PublicBase + "/webhooks/twilio", "/webhooks/twilio", Sms("1"), token: "someone_elses_token"), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("A signature over the internal address instead of the public URL is rejected",
            SignedAs("http://localhost/webhooks/twilio", "/webhooks/twilio", Sms("1")), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("Without an AuthToken the webhook answers 503 and never runs unsigned",
            ChannelRequest.Post("/webhooks/twilio", Encode(Sms("1")), FormType), 503)
        {
            Settings = new Dictionary<string, string?> { ["Twilio:AuthToken"] = "" },
            BodyMatches = ChannelTableRunner.Problem("Twilio channel is not configured"),
        },
        new("Twilio signed the URL with :443 while the public base URL has no port",
            SignedAs("https://gw.example.ma:443/webhooks/twilio", "/webhooks/twilio", Sms("Salam")), 200)
        {
            ExpectedInbound = [SmsIn("Salam")],
        },
        new("The public base URL carries :443 and Twilio signed without a port",
            Signed("/webhooks/twilio", Sms("Salam")), 200)
        {
            Settings = new Dictionary<string, string?> { ["Gateway:PublicBaseUrl"] = "https://gw.example.ma:443" },
            ExpectedInbound = [SmsIn("Salam")],
        },
        new("Plain http with :80 in the signed URL",
            SignedAs("http://gw.example.ma:80/webhooks/twilio", "/webhooks/twilio", Sms("Salam")), 200)
        {
            Settings = new Dictionary<string, string?> { ["Gateway:PublicBaseUrl"] = "http://gw.example.ma" },
            ExpectedInbound = [SmsIn("Salam")],
        },
        new("A whatsapp: sender selects the WhatsApp channel and numbers lose the prefix",
            Signed("/webhooks/twilio", WhatsApp("Salam")), 200)
        {
            EngineResult = RecordingEngine.Says(FrenchQuestion),
            ExpectedBody = Xml + "<Response><Message>Merci! La route est-elle praticable ?\n1. Oui\n2. Non</Message></Response>",
            ExpectedInbound = [new InboundMessage(ChannelKind.WhatsApp, "twilio", "+212612345678", "+14155238886", "Salam", null, Sid)],
        },
        new("A tapped WhatsApp button's ButtonPayload is the answer",
            Signed("/webhooks/twilio", WhatsApp("Non", ("MessageType", "button"), ("ButtonText", "Non"), ("ButtonPayload", "2"))), 200)
        {
            ExpectedInbound = [new InboundMessage(ChannelKind.WhatsApp, "twilio", "+212612345678", "+14155238886", "Non", "2", Sid)],
        },
        new("A WhatsApp list pick's ListId is the answer",
            Signed("/webhooks/twilio", WhatsApp("Voirie", ("ListId", "3"), ("ListTitle", "Voirie"))), 200)
        {
            ExpectedInbound = [new InboundMessage(ChannelKind.WhatsApp, "twilio", "+212612345678", "+14155238886", "Voirie", "3", Sid)],
        },
        new("TwiML escapes & < > and keeps Arabic as is",
            Signed("/webhooks/twilio", Sms("solde")), 200)
        {
            EngineResult = RecordingEngine.Says(Reply.Plain("Salam! Tapez 1 pour le solde & 2 pour <aide> — مرحبا", "fr")),
            ExpectedBody = Xml + "<Response><Message>Salam! Tapez 1 pour le solde &amp; 2 pour &lt;aide&gt; — مرحبا</Message></Response>",
            ExpectedInbound = [SmsIn("solde")],
        },
        new("A silent step answers an empty <Response/>",
            Signed("/webhooks/twilio", Sms("STOP")), 200)
        {
            EngineResult = RecordingEngine.Says(),
            ExpectedBody = Xml + "<Response/>",
            ExpectedContentType = "text/xml; charset=utf-8",
            ExpectedInbound = [SmsIn("STOP")],
        },
        new("Several replies become one <Message> each, in order",
            Signed("/webhooks/twilio", Sms("AVIS")), 200)
        {
            EngineResult = RecordingEngine.Says(Reply.Plain("Bienvenue.", "fr"), FrenchQuestion),
            ExpectedBody = Xml + "<Response><Message>Bienvenue.</Message><Message>Merci! La route est-elle praticable ?\n1. Oui\n2. Non</Message></Response>",
            ExpectedInbound = [SmsIn("AVIS")],
        },
        new("A From that is not a phone number is a 400 problem naming the field",
            Signed("/webhooks/twilio", ("MessageSid", Sid), ("From", "not-a-number"), ("To", "+212522000000"), ("Body", "x")), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid field From"),
        },
        new("A missing From is a 400 problem",
            Signed("/webhooks/twilio", ("MessageSid", Sid), ("To", "+212522000000"), ("Body", "x")), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid field From"),
        },
        new("Malformed percent-encoding in a signed form is a 400, not a 500",
            ChannelRequest.Post("/webhooks/twilio", "From=%ZZ%2&Body=%E2%28", FormType)
                .WithHeader("X-Twilio-Signature", Sign(PublicBase + "/webhooks/twilio", ("From", "%ZZ%2"), ("Body", Uri.UnescapeDataString("%E2%28")))), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid field From"),
        },
        new("A body over 64 KiB is refused with 413 before anything is processed",
            Signed("/webhooks/twilio", Sms(new string('a', 70_000))), 413)
        {
            BodyMatches = ChannelTableRunner.Problem("Request body too large"),
        },
        new("A chunked body without Content-Length, longer than one read, is read whole and its signature checked",
            Signed("/webhooks/twilio", Sms(new string('a', 10_000))) with { Chunked = true }, 200)
        {
            ExpectedInbound = [SmsIn(new string('a', 10_000))],
        },
        new("A chunked body over 64 KiB without Content-Length is refused with 413",
            Signed("/webhooks/twilio", Sms(new string('a', 70_000))) with { Chunked = true }, 413)
        {
            BodyMatches = ChannelTableRunner.Problem("Request body too large"),
        },
        new("A form Content-Type with parameters is still read as the signed form",
            Signed("/webhooks/twilio", Sms("Salam")) with { ContentType = FormType + "; charset=utf-8" }, 200)
        {
            ExpectedInbound = [SmsIn("Salam")],
        },
        new("The bodySHA256 JSON variant verifies, then the messaging route asks for a form",
            JsonSigned("/webhooks/twilio", "{\"From\":\"+212612345678\"}"), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid field From"),
        },
        new("The bodySHA256 JSON variant with a tampered body is rejected",
            JsonSigned("/webhooks/twilio", "{\"From\":\"+212612345678\"}") with { Body = Encoding.UTF8.GetBytes("{\"From\":\"+212600000000\"}") }, 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("A delivered status callback is recorded and announced, answered 204",
            Signed("/webhooks/twilio/status", Status("SM0000000000000000000000000000abcd", "delivered")), 204)
        {
            ExpectedStatuses = [new ExpectedStatus("SM0000000000000000000000000000abcd", "twilio", "delivered", null)],
        },
        new("An undelivered status callback carries its error code",
            Signed("/webhooks/twilio/status", [.. Status("SM0000000000000000000000000000abcd", "undelivered"), ("ErrorCode", "30003")]), 204)
        {
            ExpectedStatuses = [new ExpectedStatus("SM0000000000000000000000000000abcd", "twilio", "undelivered", "30003")],
        },
        new("An unsigned status callback is rejected and nothing is recorded",
            ChannelRequest.Post("/webhooks/twilio/status", Encode(Status("SM0000000000000000000000000000abcd", "delivered")), FormType), 403)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid Twilio signature"),
        },
        new("A status callback without MessageStatus is a 400 problem",
            Signed("/webhooks/twilio/status", ("MessageSid", "SM0000000000000000000000000000abcd")), 400)
        {
            BodyMatches = ChannelTableRunner.Problem("Invalid field MessageSid or MessageStatus"),
        },
    ];

    public static TheoryData<string> Labels => [.. Cases.Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public Task Twilio_webhook(string label) => ChannelTableRunner.RunAsync(Cases.Single(c => c.Label == label), BaseSettings);

    [Fact]
    public void Labels_are_unique() => Assert.Equal(Cases.Count, Cases.Select(c => c.Label).Distinct().Count());

    public static (string, string)[] Sms(string body, string sid = Sid, params (string, string)[] extra) =>
        [("MessageSid", sid), ("SmsMessageSid", sid), ("AccountSid", "ACtest"), ("From", "+212612345678"), ("To", "+212522000000"), ("Body", body), ("NumMedia", "0"), .. extra];

    public static (string, string)[] WhatsApp(string body, params (string, string)[] extra) =>
        [("MessageSid", Sid), ("AccountSid", "ACtest"), ("From", "whatsapp:+212612345678"), ("To", "whatsapp:+14155238886"), ("Body", body),
         ("NumMedia", "0"), ("WaId", "212612345678"), ("ProfileName", "Fatima"), .. extra];

    public static (string, string)[] Status(string sid, string status) =>
        [("MessageSid", sid), ("SmsSid", sid), ("MessageStatus", status), ("SmsStatus", status), ("AccountSid", "ACtest"), ("To", "+212612345678"), ("ApiVersion", "2010-04-01")];

    private static InboundMessage SmsIn(string text) => new(ChannelKind.Sms, "twilio", "+212612345678", "+212522000000", text, null, Sid);

    public static string Encode(IEnumerable<(string Name, string Value)> form) =>
        string.Join('&', form.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));

    public static string Sign(string url, params (string Name, string Value)[] form) => Sign(url, Token, form);

    private static string Sign(string url, string token, IEnumerable<(string Name, string Value)> form) =>
        TwilioSignature.Compute(token, url, form.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    /// <summary>A form signed as Twilio signs it: public base URL + path + query.</summary>
    public static ChannelRequest Signed(string pathAndQuery, params (string, string)[] form) => SignedAs(PublicBase + pathAndQuery, pathAndQuery, form);

    public static ChannelRequest SignedAs(string signedUrl, string pathAndQuery, (string, string)[] form, string token = Token) =>
        ChannelRequest.Post(pathAndQuery, Encode(form), FormType).WithHeader(TwilioSignature.Header, Sign(signedUrl, token, form));

    /// <summary>Twilio's JSON variant: the body's SHA-256 in the query, the URL signed with no parameters.</summary>
    private static ChannelRequest JsonSigned(string path, string json)
    {
        var pathAndQuery = path + "?bodySHA256=" + TwilioSignature.BodyHash(Encoding.UTF8.GetBytes(json));
        return ChannelRequest.Post(pathAndQuery, json, "application/json")
            .WithHeader(TwilioSignature.Header, Sign(PublicBase + pathAndQuery, Token, []));
    }
}
