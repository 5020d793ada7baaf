using System.Net;
using System.Text;
using System.Text.Json;
using static Gateway.Tests.Trust.HostileHost;

namespace Gateway.Tests.Trust;

/// <summary>
/// One named regression per class of input that used to crash the gateway with a 500 (issue 17): each request gets a
/// 2xx, a 4xx problem naming what is wrong, or a 503, and nothing is logged as an unhandled exception.
/// </summary>
public sealed class HostileInputSpecs
{
    private const string AtBase = "sessionId=s1&serviceCode=%2A123%2A1%23&phoneNumber=%2B212612345678&networkCode=60401";

    public static TheoryData<string> Noncharacters => new()
    {
        "\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\U0001FFFE", "\U0010FFFF",
    };

    [Theory]
    [MemberData(nameof(Noncharacters))]
    public async Task A_noncharacter_in_the_text_is_answered_on_every_channel(string noncharacter)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();
        var text = "AVIS" + noncharacter + " route";
        var escaped = EscapeLenient(text);
        var jsonText = JsonEncodedText.Encode(text).ToString();

        var requests = new (string Channel, HttpRequestMessage Request)[]
        {
            ("twilio sms", Twilio("/webhooks/twilio", [new("MessageSid", "SM1"), new("From", Phone), new("To", "+212522000001"), new("Body", text)])),
            ("twilio whatsapp", Twilio("/webhooks/twilio", [new("MessageSid", "SM2"), new("From", "whatsapp:+212612345679"), new("To", "whatsapp:+212522000001"), new("Body", text)])),
            ("whatsapp cloud", Meta(Encoding.UTF8.GetBytes(MetaText(jsonText)))),
            ("kannel", new HttpRequestMessage(HttpMethod.Get, $"/webhooks/kannel?secret={KannelSecret}&from=%2B212612345670&to=2727&text={escaped}&coding=0&charset=UTF-8&id=k1")),
            ("africa's talking", Form("/webhooks/africastalking/ussd", AtBase + "&text=1*" + escaped)),
            ("arkesel", Json("/webhooks/ussd/arkesel", $$"""{"sessionID":"a1","userID":"u","msisdn":"212612345671","userData":"{{jsonText}}","newSession":false,"network":"IAM"}""")),
            ("simulator", Json("/api/simulator/messages", $$"""{"from":"+212612345672","channel":"sms","text":"{{jsonText}}"}""")),
        };
        foreach (var (channel, request) in requests)
        {
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{channel}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Empty(logs.Failures());
    }

    [Fact]
    public async Task A_noncharacter_is_dropped_before_the_engine_so_the_keyword_still_starts_its_flow()
    {
        await using var app = Create(new CapturedLogs());
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Json("/api/simulator/messages", """{"from":"+212612345672","channel":"sms","text":"AVIS\uFFFE"}"""));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("commune", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("arkesel", "/webhooks/ussd/arkesel", """{"sessionID":"a1","userID":"u","msisdn":"212612345671","userData":"\ud800","newSession":false}""")]
    [InlineData("arkesel phone", "/webhooks/ussd/arkesel", """{"sessionID":"\udfff","userID":"\ud800","msisdn":"212612345671","userData":"1","newSession":true}""")]
    [InlineData("simulator", "/api/simulator/messages", """{"from":"+212612345672","channel":"sms","text":"a\udc00b"}""")]
    [InlineData("simulator ussd", "/api/simulator/messages", """{"from":"+212612345672","channel":"ussd","text":"\ud800"}""")]
    public async Task A_lone_surrogate_escaped_in_json_is_answered(string what, string path, string json)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Json(path, json));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Empty(logs.Failures());
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_signed_whatsapp_text_is_answered()
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Meta(Encoding.UTF8.GetBytes(MetaText("AVIS \\ud800"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(logs.Failures());
    }

    [Theory]
    [InlineData("/webhooks/ussd/arkesel")]
    [InlineData("/api/simulator/messages")]
    [InlineData(WhatsAppCloudPath)]
    public async Task Invalid_utf8_in_a_json_body_is_a_400_problem(string path)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"sessionID\":\"a1\",\"msisdn\":\"212612345671\",\"from\":\"+212612345672\",\"userData\":\""), 0xFF, 0xC3, 0x28,
            .. Encoding.UTF8.GetBytes("\",\"text\":\"x\",\"newSession\":true,\"entry\":[]}")];

        using var response = await client.SendAsync(path == WhatsAppCloudPath ? Meta(body) : Raw(HttpMethod.Post, path, body, "application/json"));

        AssertProblem(response, HttpStatusCode.BadRequest, logs);
    }

    private const string WhatsAppCloudPath = "/webhooks/whatsapp";

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("-99999999999999")]
    [InlineData("9223372036854775807")]
    public async Task A_whatsapp_status_timestamp_out_of_range_is_recorded_at_the_time_received(string timestamp)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();
        var json = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[{\"id\":\"wamid.S1\",\"status\":\"delivered\",\"timestamp\":\""
            + timestamp + "\",\"recipient_id\":\"212612345678\"}]}}]}]}";

        using var response = await client.SendAsync(Meta(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(logs.Failures());
    }

    [Theory]
    [InlineData("/webhooks/africastalking/ussd")]
    [InlineData("/webhooks/africastalking/ussd/events")]
    [InlineData("/webhooks/kannel?secret=" + KannelSecret)]
    [InlineData("/webhooks/kannel/dlr?secret=" + KannelSecret)]
    [InlineData("/webhooks/ussd/arkesel")]
    public async Task A_multipart_body_without_a_boundary_is_a_4xx_problem(string path)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Raw(HttpMethod.Post, path, Encoding.UTF8.GetBytes("sessionId=s1&text="), "multipart/form-data"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(logs.Failures());
    }

    [Theory]
    [InlineData("/webhooks/africastalking/ussd")]
    [InlineData("/webhooks/africastalking/ussd/events")]
    [InlineData("/webhooks/kannel?secret=" + KannelSecret)]
    public async Task More_than_1024_form_fields_is_a_4xx_problem(string path)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();
        var body = AtBase + "&from=%2B212612345678&text=1" + string.Concat(Enumerable.Range(0, 1100).Select(i => $"&f{i}=1"));

        using var response = await client.SendAsync(Form(path, body));

        AssertProblem(response, HttpStatusCode.BadRequest, logs);
    }

    [Theory]
    [InlineData("/webhooks/africastalking/ussd")]
    [InlineData("/webhooks/africastalking/ussd/events")]
    [InlineData("/webhooks/kannel?secret=" + KannelSecret)]
    [InlineData("/webhooks/twilio")]
    public async Task A_form_field_over_4_MiB_is_a_413_problem(string path)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Form(path, AtBase + "&text=" + new string('1', 4 * 1024 * 1024 + 10)));

        AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, logs);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("-5")]
    public async Task A_duration_overflowing_a_TimeSpan_is_a_400_naming_durationInMillis(string duration)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Form("/webhooks/africastalking/ussd/events",
            $"sessionId=s1&phoneNumber=%2B212612345678&status=Success&hopsCount=3&durationInMillis={duration}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("durationInMillis", await response.Content.ReadAsStringAsync());
        Assert.Empty(logs.Failures());
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-32")]
    [InlineData("x-no-such-charset")]
    [InlineData("ibm037")]
    public async Task A_kannel_text_in_an_unusual_charset_is_answered(string charset)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();

        // %FF makes the bytes invalid UTF-8, so the declared charset is consulted.
        using var response = await client.GetAsync($"/webhooks/kannel?secret={KannelSecret}&from=%2B212612345678&to=2727&text=AVIS%FF%2B&coding=0&charset={charset}&id=k7");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Empty(logs.Failures());
    }

    [Theory]
    [InlineData("/webhooks/africastalking/ussd", "application/x-www-form-urlencoded")]
    [InlineData("/webhooks/africastalking/ussd/events", "application/x-www-form-urlencoded")]
    [InlineData("/webhooks/ussd/arkesel", "application/json")]
    [InlineData("/webhooks/kannel?secret=" + KannelSecret, "application/x-www-form-urlencoded")]
    [InlineData("/webhooks/kannel/dlr?secret=" + KannelSecret, "application/x-www-form-urlencoded")]
    [InlineData("/webhooks/whatsapp", "application/json")]
    [InlineData("/webhooks/twilio", "application/x-www-form-urlencoded")]
    [InlineData("/api/simulator/messages", "application/json")]
    public async Task A_10_MB_body_is_a_413_problem(string path, string contentType)
    {
        var logs = new CapturedLogs();
        await using var app = Create(logs);
        using var client = app.CreateClient();
        var body = new byte[10 * 1024 * 1024];
        Array.Fill(body, (byte)'1');
        Encoding.ASCII.GetBytes(contentType.EndsWith("json") ? "{\"a\":\"" : "text=").CopyTo(body, 0);

        using var response = await client.SendAsync(Raw(HttpMethod.Post, path, body, contentType));

        AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, logs);
    }

    [Fact]
    public async Task Distinct_africas_talking_statuses_do_not_grow_the_outcome_counts()
    {
        await using var app = Create(new CapturedLogs());
        using var client = app.CreateClient();

        for (var i = 0; i < 50; i++)
        {
            using var response = await client.SendAsync(Form("/webhooks/africastalking/ussd/events",
                $"sessionId=s{i}&phoneNumber=%2B212612345678&status=Weird{i}&hopsCount=1&durationInMillis=10"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var outcomes = (Gateway.Channels.Ussd.UssdSessionOutcomes)app.Services.GetService(typeof(Gateway.Channels.Ussd.UssdSessionOutcomes))!;
        Assert.Equal(50, outcomes.Count("africastalking", Gateway.Channels.Ussd.UssdSessionOutcomes.OtherStatus));
        Assert.Equal(0, outcomes.Count("africastalking", "Weird1"));
    }

    /// <summary>A clear refusal: the status, a problem document, and nothing logged as a failure.</summary>
    private static void AssertProblem(HttpResponseMessage response, HttpStatusCode status, CapturedLogs logs)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(logs.Failures());
    }
}
