using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Polls;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.IntegrationTests.Polls;

/// <summary>
/// Polls on real Redis and RabbitMQ: the tally and the bus agree, two replicas close a poll once, and a poll created or
/// closed on one replica is votable or closed on the other at once.
/// </summary>
[Collection(ServersCollection.Name)]
public class PollIntegrationSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private const string AdminKey = "integration-programme-key-01";
    private const string CasablancaNumber = "+212522000001";
    private const string TwilioToken = "integration-twilio-token-01";
    private const string PublicBase = "https://gw.example.ma";
    private static readonly CancellationToken None = CancellationToken.None;

    private IntegrationGatewayApplication Gateway() => new IntegrationGatewayApplication()
        .With("ConnectionStrings:Redis", Redis)
        .With("Admin:ApiKeys:0:Key", AdminKey)
        .With("Admin:ApiKeys:0:Name", "programme")
        .With("Twilio:AuthToken", TwilioToken).With("Gateway:PublicBaseUrl", PublicBase)
        .With("Polls:SchedulerInterval", "00:00:00.200")
        .With("Polls:CloseSettle", "00:00:01");

    [Fact]
    public async Task Every_counted_vote_reaches_a_plain_rabbitmq_queue_once_and_their_number_equals_the_tally()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:PollVoteRecorded");
        await using var app = Gateway();
        var poll = await CreatePollAsync(app, DateTimeOffset.UtcNow.AddHours(1));
        var http = app.CreateClient();

        // 90 phones over three channels; every third one tries twice, racing itself: one phone, one vote. SMS and WhatsApp
        // come through Twilio's webhook (citizens); USSD through the simulator (staff trying it): counted apart, published flagged.
        await Parallel.ForEachAsync(Enumerable.Range(0, 90), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var channel = new[] { "sms", "ussd", "whatsapp" }[i % 3];
            var phone = $"+2126{i:D8}";
            if (i % 3 == 0) await Task.WhenAll(VoteAsync(http, phone, channel, $"SONDAGE {1 + i % 2}"), VoteAsync(http, phone, channel, "SONDAGE 2"));
            else await VoteAsync(http, phone, channel, $"SONDAGE {1 + i % 2}");
        });

        var results = await Admin(app).GetFromJsonAsync<JsonElement>($"/api/polls/{poll}/results");
        Assert.Equal(60, results.GetProperty("total").GetInt64());
        Assert.Equal(30, results.GetProperty("simulated").GetProperty("total").GetInt64());
        Assert.Equal(0, results.GetProperty("channels").GetProperty("ussd").GetInt64());
        await Wait.ForAsync(() => app.Services.GetRequiredService<IOutboxStore>().BacklogAsync(None), n => n == 0, "the outbox to drain");
        var received = await queue.DrainAsync();

        Assert.Equal(90, received.Count);
        Assert.Equal(90, received.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(90, received.Select(r => r.Envelope.GetProperty("message").GetProperty("contactId").GetString()).Distinct().Count());
        Assert.All(received, r => Assert.Equal(poll, r.Envelope.GetProperty("message").GetProperty("pollId").GetString()));
        var real = received.Where(r => !r.Envelope.GetProperty("message").GetProperty("simulated").GetBoolean()).ToList();
        Assert.Equal(60, real.Count);
        var tallies = results.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt64()).ToArray();
        Assert.Equal(tallies, Enumerable.Range(1, 3).Select(o => (long)real.Count(r => r.Envelope.GetProperty("message").GetProperty("option").GetInt32() == o)).ToArray());
    }

    [Fact]
    public async Task Two_gateway_instances_on_the_same_servers_publish_exactly_one_PollClosed()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var queue = await PlainRabbitQueue.BindAsync("Gateway.Contracts:PollClosed");
        await using var first = Gateway();
        await using var second = Gateway();
        // Both started before the poll's time begins, and time enough for four votes on a loaded machine (where a start, or
        // a vote, has taken seconds): the votes must land before the close for the tallies below.
        var a = first.CreateClient();
        var b = second.CreateClient();
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(20);
        var poll = await CreatePollAsync(first, closesAt);

        Assert.Contains("enregistré", await VoteAsync(a, "+212611000001", "sms", "SONDAGE 1"));
        // The second replica knows the poll at once (its directory checks the store's version before each step).
        AssertCounted(await VoteAsync(b, "+212611000002", "whatsapp", "SONDAGE 2"));
        AssertCounted(await VoteAsync(b, "+212611000003", "sms", "SONDAGE 2"));

        // Staff try the poll through the simulator: not in the tallies PollClosed publishes.
        Assert.Contains("enregistré", await VoteAsync(b, "+212611000005", "ussd", "SONDAGE 1"));

        // Both replicas' schedulers see the poll due and race to close it; both end up knowing the final tallies.
        foreach (var app in new[] { first, second })
            await Wait.ForAsync(() => Task.FromResult(app.Services.GetRequiredService<PollDirectory>().Find(poll)?.FinalTallies),
                t => t is not null, "the close to be recorded on each replica", seconds: 60);
        foreach (var app in new[] { first, second })
            await Wait.ForAsync(() => app.Services.GetRequiredService<IOutboxStore>().BacklogAsync(None), n => n == 0, "the outbox to drain");

        var closed = Assert.Single(await queue.DrainAsync());
        Assert.Equal(poll, closed.Envelope.GetProperty("message").GetProperty("pollId").GetString());
        Assert.Equal([1L, 2, 0], closed.Envelope.GetProperty("message").GetProperty("tallies").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal(3, closed.Envelope.GetProperty("message").GetProperty("total").GetInt64());
        Assert.Equal(closesAt, closed.Envelope.GetProperty("message").GetProperty("closedAt").GetDateTimeOffset());
        Assert.Contains("Ce sondage est clos", await VoteAsync(b, "+212611000004", "sms", "SONDAGE 1"));
    }

    [Fact]
    public async Task A_vote_sent_to_another_replica_100_ms_after_the_poll_was_created_there_is_counted()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var first = Quiet(Gateway());
        await using var second = Quiet(Gateway());
        var b = second.CreateClient();
        // Replica B is in service: it has answered a message, so its poll directory holds a snapshot (without the poll).
        Assert.DoesNotContain("enregistré", await VoteAsync(b, "+212611000020", "sms", "SONDAGE 1"));

        var poll = await CreatePollAsync(first, DateTimeOffset.UtcNow.AddHours(1));
        // The delay is the scenario (a citizen answering an announcement at once), not a wait for something to happen.
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        AssertCounted(await VoteAsync(b, "+212611000021", "sms", "SONDAGE 2"));

        foreach (var app in new[] { first, second })
        {
            var results = await Admin(app).GetFromJsonAsync<JsonElement>($"/api/polls/{poll}/results");
            Assert.Equal(1, results.GetProperty("total").GetInt64());
            Assert.Equal([0L, 1, 0], results.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt64()));
        }
    }

    [Fact]
    public async Task A_poll_closed_on_one_replica_refuses_votes_on_the_other_at_once()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var first = Quiet(Gateway());
        await using var second = Quiet(Gateway());
        var poll = await CreatePollAsync(first, DateTimeOffset.UtcNow.AddHours(1));
        var b = second.CreateClient();
        AssertCounted(await VoteAsync(b, "+212611000030", "sms", "SONDAGE 1"));

        using var close = await Admin(first).PostAsync($"/api/polls/{poll}/close", null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Contains("Ce sondage est clos", await VoteAsync(b, "+212611000031", "sms", "SONDAGE 2"));

        var results = await Admin(second).GetFromJsonAsync<JsonElement>($"/api/polls/{poll}/results");
        Assert.Equal(1, results.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_poll_edited_on_one_replica_asks_the_new_question_on_the_other_at_once()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var first = Quiet(Gateway());
        await using var second = Quiet(Gateway());
        var poll = await CreatePollAsync(first, DateTimeOffset.UtcNow.AddHours(1));
        var b = second.CreateClient();
        Assert.Contains("Quel projet ?", await VoteAsync(b, "+212611000040", "sms", "SONDAGE"));

        using var edit = await Admin(first).PutAsJsonAsync($"/api/polls/{poll}", new
        {
            question = new Dictionary<string, string> { ["fr"] = "Quel projet pour Anfa ?", ["ar"] = "أي مشروع لأنفا؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Stade couvert", ["ar"] = "ملعب مغطى" },
                new Dictionary<string, string> { ["fr"] = "Bibliothèque", ["ar"] = "مكتبة" },
                new Dictionary<string, string> { ["fr"] = "Parc", ["ar"] = "حديقة" },
            },
            closesAt = DateTimeOffset.UtcNow.AddHours(2),
        });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var asked = await VoteAsync(b, "+212611000041", "sms", "SONDAGE");
        Assert.Contains("Quel projet pour Anfa ?", asked);
        Assert.Contains("Stade couvert", asked);
    }

    /// <summary>The confirmation of a counted vote; the whole reply when it is something else.</summary>
    private static void AssertCounted(string reply) => Assert.True(reply.Contains("enregistré", StringComparison.Ordinal), reply);

    /// <summary>
    /// Directory refreshes an hour apart (and the close long after): what a replica knows of another's poll comes from the
    /// check before each step, never from the scheduler.
    /// </summary>
    private static IntegrationGatewayApplication Quiet(IntegrationGatewayApplication app) =>
        app.With("Polls:SchedulerInterval", "01:00:00").With("Polls:CloseSettle", "01:00:00");

    private static async Task<string> CreatePollAsync(IntegrationGatewayApplication app, DateTimeOffset closesAt)
    {
        var response = await Admin(app).PostAsJsonAsync("/api/polls", new
        {
            commune = "casablanca",
            keyword = "SONDAGE",
            question = new Dictionary<string, string> { ["fr"] = "Quel projet ?", ["ar"] = "أي مشروع؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Stade", ["ar"] = "ملعب" },
                new Dictionary<string, string> { ["fr"] = "Bibliothèque", ["ar"] = "مكتبة" },
                new Dictionary<string, string> { ["fr"] = "Parc", ["ar"] = "حديقة" },
            },
            closesAt,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>SMS and WhatsApp as Twilio posts them (a citizen's phone); USSD through the simulator (simulated).</summary>
    private static async Task<string> VoteAsync(HttpClient http, string from, string channel, string text)
    {
        if (channel != "ussd") return await TwilioAsync(http, channel == "whatsapp" ? "whatsapp:" : "", from, text);
        var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from, channel, text, to = CasablancaNumber });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    private static async Task<string> TwilioAsync(HttpClient http, string prefix, string from, string text)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("AccountSid", "AC" + new string('1', 32)),
            new("From", prefix + from), new("To", prefix + CasablancaNumber), new("Body", text), new("NumMedia", "0"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", global::Gateway.Channels.Twilio.TwilioSignature.Compute(TwilioToken, PublicBase + "/webhooks/twilio", form));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private static HttpClient Admin(IntegrationGatewayApplication app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return http;
    }
}
