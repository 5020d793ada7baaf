using System.Net;
using System.Xml.Linq;
using Gateway.Channels.Twilio;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Channels;

/// <summary>The whole feedback conversation over each provider's real webhook, signed as the provider signs, with the real engine.</summary>
public sealed class EndToEndFeedbackSpecs
{
    private const string AuthToken = "twilio-test-token-0123456789";
    private const string PublicBase = "https://gw.example.ma";
    private const string AppSecret = "meta-test-app-secret";
    private static readonly string[] Conversation = ["AVIS", "7", "1", "Nid de poule devant l'école", "Hay Al Qods"];

    [Theory]
    [InlineData("+212612345678", "sms")]
    [InlineData("whatsapp:+212612345678", "whatsapp")]
    public async Task Feedback_over_the_Twilio_webhook_answers_in_TwiML_and_publishes_one_event(string from, string channel)
    {
        await using var app = new GatewayApplication().With("Twilio:AuthToken", AuthToken).With("Gateway:PublicBaseUrl", PublicBase);
        var http = app.CreateClient();

        var replies = new List<string>();
        for (var i = 0; i < Conversation.Length; i++)
            replies.Add(await TwilioAsync(http, from, Conversation[i], $"SM{i:D32}"));

        Assert.Contains("Votre commune", replies[0]);
        Assert.Contains("1. Routes", replies[1]);
        Assert.Contains("Merci !", replies[^1]);
        var feedback = Assert.Single(await app.EventsAsync<FeedbackReceived>());
        Assert.Equal((channel, "oujda", "roads", "Hay Al Qods"), (feedback.Channel, feedback.Commune, feedback.Category, feedback.Place));
        Assert.False(feedback.Simulated); // a provider's webhook is a citizen's phone, not the simulator
        Assert.Contains(feedback.Reference, replies[^1]);

        // Twilio retries the last webhook: same TwiML, no second event.
        Assert.Equal(replies[^1], await TwilioAsync(http, from, Conversation[^1], $"SM{Conversation.Length - 1:D32}"));
        Assert.Single(await app.EventsAsync<FeedbackReceived>());
    }

    [Fact]
    public async Task Feedback_over_the_WhatsApp_Cloud_webhook_replies_through_the_Graph_API_with_buttons_and_lists()
    {
        await using var graph = await FakeGraphApi.StartNewAsync();
        await using var app = new GatewayApplication()
            .With("WhatsApp:AppSecret", AppSecret).With("WhatsApp:AccessToken", "graph-token")
            .With("WhatsApp:PhoneNumberId", "106540352242922").With("WhatsApp:GraphBaseUrl", graph.BaseUrl + "/v21.0");
        var http = app.CreateClient();

        await CloudAsync(http, "wamid.1", text: "AVIS");
        var communes = (await graph.WaitForRequestsAsync(1))[^1].Json;
        Assert.Equal("text", (string?)communes["type"]); // 12 communes: more than a list holds, numbered text
        await CloudAsync(http, "wamid.2", text: "7");
        var categories = (await graph.WaitForRequestsAsync(2))[^1].Json;
        Assert.Equal("list", (string?)categories["interactive"]!["type"]);
        await CloudAsync(http, "wamid.3", listReply: "1");
        await CloudAsync(http, "wamid.4", text: "Lampadaire cassé rue 5");
        await graph.WaitForRequestsAsync(4);
        await CloudAsync(http, "wamid.5", text: "Lazaret");
        var thanks = (await graph.WaitForRequestsAsync(5))[^1].Json;

        // A first report: the profile's first question follows in the same message, as a list (four answers, more than three buttons).
        Assert.Equal("list", (string?)thanks["interactive"]!["type"]);
        Assert.Contains("Merci !", (string?)thanks["interactive"]!["body"]!["text"]);
        Assert.Contains("la commune aimerait savoir qui participe", (string?)thanks["interactive"]!["body"]!["text"]);
        Assert.Equal("212612345678", (string?)thanks["to"]);
        var feedback = Assert.Single(await app.EventsAsync<FeedbackReceived>());
        Assert.Equal(("whatsapp", "roads", "Lazaret"), (feedback.Channel, feedback.Category, feedback.Place));
        Assert.False(feedback.Simulated);
    }

    private static async Task<string> TwilioAsync(HttpClient http, string from, string body, string sid)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", sid), new("AccountSid", "AC" + new string('1', 32)), new("From", from),
            new("To", from.StartsWith("whatsapp:", StringComparison.Ordinal) ? "whatsapp:+14155238886" : "+212600000999"),
            new("Body", body), new("NumMedia", "0"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(AuthToken, PublicBase + "/webhooks/twilio", form));
        var response = await http.SendAsync(request);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, xml);
        return string.Join("\n", XDocument.Parse(xml).Descendants("Message").Select(m => m.Value));
    }

    private static async Task CloudAsync(HttpClient http, string wamid, string? text = null, string? listReply = null)
    {
        object message = listReply is null
            ? new { from = "212612345678", id = wamid, timestamp = "1739321024", type = "text", text = new { body = text } }
            : new { from = "212612345678", id = wamid, timestamp = "1739321024", type = "interactive",
                    interactive = new { type = "list_reply", list_reply = new { id = listReply, title = "Routes" } } };
        using var request = WhatsAppCloudWebhook.Message(AppSecret, "106540352242922", "212522000007", "212612345678", message);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
