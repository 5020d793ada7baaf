using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Feedback;

/// <summary>The feedback desk on real Redis and RabbitMQ: it survives restarts, lists while the broker is down, and publishes FeedbackStatusChanged.</summary>
[Collection(ServersCollection.Name)]
public partial class FeedbackDeskIntegrationSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private const string Key = "casablanca-key-0123456789";

    [GeneratedRegex(@"R-[2-9A-HJKMNP-TV-Z]{5}")]
    private static partial Regex ReferencePattern();

    private const string TwilioToken = "integration-twilio-token-02";
    private const string PublicBase = "https://gw.example.ma";

    private IntegrationGatewayApplication Gateway() => new IntegrationGatewayApplication()
        .With("ConnectionStrings:Redis", Redis)
        .With("Twilio:AuthToken", TwilioToken).With("Gateway:PublicBaseUrl", PublicBase)
        .With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "agent casa").With("Admin:ApiKeys:0:Commune", "casablanca");

    private static HttpClient Staff(IntegrationGatewayApplication app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return http;
    }

    private static async Task<string> FileAsync(HttpClient http, string phone, string text)
    {
        var answer = await new SimulatorPhone(http, phone).SayAsync("AVIS", "Casablanca", "Eau", text, "Hay Dakhla");
        return ReferencePattern().Match(answer.Text).Value;
    }

    /// <summary>Files a report from a citizen's phone through Twilio's signed webhook (a real report, counted in the desk's figures).</summary>
    private static async Task<string> FileRealAsync(HttpClient http, string phone, string text)
    {
        var reply = "";
        foreach (var body in new[] { "AVIS", "Casablanca", "Eau", text, "Hay Dakhla" })
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("AccountSid", "AC" + new string('1', 32)),
                new("From", phone), new("To", "+212600000999"), new("Body", body), new("NumMedia", "0"),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Twilio-Signature", global::Gateway.Channels.Twilio.TwilioSignature.Compute(TwilioToken, PublicBase + "/webhooks/twilio", form));
            using var response = await http.SendAsync(request);
            reply = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, reply);
        }
        return ReferencePattern().Match(reply).Value;
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string[] References(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()!)];

    [Fact]
    public async Task Reports_survive_a_gateway_restart_and_page_through_the_redis_indexes()
    {
        await Servers.FlushRedisAsync(Redis);
        var filed = new List<string>();
        await using (var first = Gateway())
        {
            var http = first.CreateClient();
            string[] words = ["lima", "romeo", "tango", "delta", "hotel"];
            for (var i = 0; i < 5; i++) filed.Add(await FileRealAsync(http, $"+21266400000{i}", $"Fuite {words[i]}"));
            await Readiness.OutboxDrainedAsync(http);
        }

        await using var second = Gateway();
        var staff = Staff(second);
        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(staff, "/api/feedback?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            listed.AddRange(References(page));
            cursor = page.GetProperty("next").GetString();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(filed), listed);
        Assert.Equal(filed.Take(3), References(await GetAsync(staff, "/api/feedback?sort=oldest&limit=3")));

        var report = await GetAsync(staff, $"/api/feedback/{filed[2]}");
        Assert.Equal(("Fuite tango", "Hay Dakhla", "water", "new"),
            (report.GetProperty("text").GetString(), report.GetProperty("place").GetString(), report.GetProperty("category").GetString(), report.GetProperty("status").GetString()));

        // A status change moves it between the status indexes (through the outbox projection).
        var changed = await staff.PostAsJsonAsync($"/api/feedback/{filed[2]}/status", new { status = "in_progress" });
        Assert.True(changed.IsSuccessStatusCode);
        var inProgress = await Wait.ForAsync(() => GetAsync(staff, "/api/feedback?status=in_progress"), p => References(p).Length == 1, "the status index");
        Assert.Equal([filed[2]], References(inProgress));
        Assert.Equal(4, References(await GetAsync(staff, "/api/feedback?status=new")).Length);
        var stats = await GetAsync(staff, "/api/feedback/stats");
        Assert.Equal((5, 5, 1), (stats.GetProperty("total").GetInt64(), stats.GetProperty("open").GetInt64(), stats.GetProperty("byStatus").GetProperty("in_progress").GetInt64()));
        Assert.Equal([filed[3]], References(await GetAsync(staff, "/api/feedback?q=fuite%20DELT")));

        // A report filed through the simulator (staff trying the service) is counted apart, not in the real figures.
        var trial = await FileAsync(second.CreateClient(), "+212664000009", "Essai du personnel");
        await Wait.ForAsync(() => GetAsync(staff, "/api/feedback?simulated=true"), p => References(p).Contains(trial), "the simulated report to be indexed");
        stats = await GetAsync(staff, "/api/feedback/stats");
        Assert.Equal((5, 5, 4, 1), (stats.GetProperty("total").GetInt64(), stats.GetProperty("open").GetInt64(),
            stats.GetProperty("byStatus").GetProperty("new").GetInt64(), stats.GetProperty("simulated").GetInt64()));
        Assert.Equal(5, stats.GetProperty("byCategory").GetProperty("water").GetInt64());
    }

    [Fact]
    public async Task A_report_filed_while_rabbitmq_is_down_is_stored_listed_and_its_events_wait()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var app = Gateway();
        var http = app.CreateClient();
        var staff = Staff(app);
        await Readiness.BusHealthyAsync(http);

        string reference;
        await Servers.StopAsync("rabbitmq");
        try
        {
            reference = await FileAsync(http, "+212664000100", "Pas d'eau, et le broker est en panne");
            var listed = await Wait.ForAsync(() => GetAsync(staff, "/api/feedback"), p => References(p).Contains(reference), "the report to be listed");
            Assert.Equal([reference], References(listed));
            var changed = await staff.PostAsJsonAsync($"/api/feedback/{reference}/status", new { status = "acknowledged" });
            Assert.True(changed.IsSuccessStatusCode);
            await Wait.ForAsync(() => GetAsync(staff, "/api/feedback?status=acknowledged"), p => References(p).Contains(reference), "the status index");
            Assert.True((await Readiness.GetAsync(http)).OutboxBacklog >= 2); // FeedbackReceived and FeedbackStatusChanged wait
        }
        finally
        {
            await Servers.StartAsync("rabbitmq");
        }
        await Readiness.OutboxDrainedAsync(http);
        await Readiness.BusHealthyAsync(http);
    }

    [Fact]
    public async Task FeedbackStatusChanged_arrives_on_a_queue_read_by_a_plain_rabbitmq_client()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:FeedbackStatusChanged");
        await using var app = Gateway();
        var http = app.CreateClient();
        await Readiness.BusHealthyAsync(http);
        var answer = await new SimulatorPhone(http, "+212664000200").SayAsync("AVIS", "Casablanca", "Eau", "Pas d'eau depuis hier", "Passer");
        var reference = ReferencePattern().Match(answer.Text).Value;

        var changed = await Staff(app).PostAsJsonAsync($"/api/feedback/{reference}/status", new { status = "resolved" });
        Assert.True(changed.IsSuccessStatusCode);

        await Readiness.OutboxDrainedAsync(http);
        var received = await queue.DrainAsync();
        var message = Assert.Single(received).Envelope.GetProperty("message");
        Assert.Equal((reference, "casablanca", "new", "resolved", "agent casa", answer.ContactId, 1),
            (message.GetProperty("reference").GetString(), message.GetProperty("commune").GetString(), message.GetProperty("oldStatus").GetString(),
             message.GetProperty("newStatus").GetString(), message.GetProperty("changedBy").GetString(), message.GetProperty("contactId").GetString(),
             message.GetProperty("version").GetInt32()));
        Assert.True(message.GetProperty("changedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Contains("urn:message:Gateway.Contracts:FeedbackStatusChanged", Assert.Single(received).Envelope.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()));
    }
}
