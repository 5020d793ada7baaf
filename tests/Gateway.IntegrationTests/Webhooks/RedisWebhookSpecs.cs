using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Tests.Webhooks;
using StandardWebhooks;

namespace Gateway.IntegrationTests.Webhooks;

/// <summary>
/// Outbound webhooks on real Redis and RabbitMQ (RedisWebhookStore: subscriptions, the due queue, claims and leases):
/// a signed delivery a Standard Webhooks verifier accepts, and a subscriber down then back receiving every event once
/// while two replicas share the queue.
/// </summary>
[Collection(ServersCollection.Name)]
public class RedisWebhookSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private const string Key = "integration-webhooks-programme-key";
    private const string CitizenPhone = "+212600000077";

    private IntegrationGatewayApplication Replica() => new IntegrationGatewayApplication()
        .With("ConnectionStrings:Redis", Redis)
        .With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "programme")
        .With("Webhooks:AllowPrivateNetworks", "true") // the subscriber listens on loopback
        .With("Webhooks:PollInterval", "00:00:00.050")
        // Real clock: short retries so a subscriber down for a few attempts costs seconds, not the production minutes.
        .With("Webhooks:FirstRetry", "00:00:00.200")
        .With("Webhooks:MaxBackoff", "00:00:00.500")
        // These specs follow every delivery's own retries across replicas; pausing the failing subscriber is OutboundWebhookSpecs'.
        .With("Webhooks:BreakAfter", "10000");

    private static HttpClient Staff(IntegrationGatewayApplication app)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return http;
    }

    [Fact]
    public async Task A_subscriber_receives_a_FeedbackReceived_signed_as_Standard_Webhooks_says()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var subscriber = await WebhookSubscriber.StartAsync();
        await using var app = Replica();
        using var staff = Staff(app);
        var secret = (await SubscribeAsync(staff, subscriber.Url)).GetProperty("secret").GetString()!;

        var reference = await FileAsync(app);
        var received = await Wait.ForAsync(() => Task.FromResult(subscriber.Accepted), r => r.Count >= 1, "the delivery");

        var delivery = Assert.Single(received);
        new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("FeedbackReceived", body.GetProperty("type").GetString());
        Assert.Equal(reference, body.GetProperty("data").GetProperty("reference").GetString());
        Assert.DoesNotContain("600000077", delivery.Body);
    }

    [Fact]
    public async Task A_subscriber_down_then_back_receives_every_event_once_from_two_replicas_sharing_the_queue()
    {
        await Servers.FlushRedisAsync(Redis);
        await using var subscriber = await WebhookSubscriber.StartAsync(failing: true);
        await using var a = Replica();
        await using var b = Replica();
        using var staffA = Staff(a);
        using var staffB = Staff(b);
        _ = b.Server; // both replicas run their dispatcher on the one queue
        var id = (await SubscribeAsync(staffA, subscriber.Url)).GetProperty("id").GetString()!;

        const int reports = 6;
        var references = new List<string>();
        for (var i = 0; i < reports; i++) references.Add(await FileAsync(i % 2 == 0 ? a : b));

        // Down through several attempts of every delivery.
        await Wait.ForAsync(() => Task.FromResult(subscriber.All), all => all.GroupBy(d => d.Id).Count(g => g.Count() >= 3) == reports,
            "three failed attempts of every delivery");
        subscriber.Failing = false;

        var accepted = await Wait.ForAsync(() => Task.FromResult(subscriber.Accepted), r => r.Select(d => d.Id).Distinct().Count() >= reports,
            "every delivery after the recovery");
        var listed = await Wait.ForAsync(async () => JsonDocument.Parse(await staffB.GetStringAsync($"/api/webhooks/{id}/deliveries")).RootElement.EnumerateArray().ToList(),
            d => d.Count == reports && d.All(x => x.GetProperty("state").GetString() == "delivered"), "every delivery marked delivered");

        // Every report arrived, and none was accepted twice (a second replica sending a claimed delivery would show here).
        Assert.Equal(references.Order(), accepted.Select(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("data").GetProperty("reference").GetString()!).Order());
        Assert.Equal(reports, accepted.Count);
        Assert.All(listed, d => Assert.True(d.GetProperty("attempts").GetInt32() >= 4, d.ToString()));
        // Each delivery's attempts, both replicas' included, are the attempts the subscriber saw: none sent twice at once.
        Assert.Equal(listed.Sum(d => d.GetProperty("attempts").GetInt32()), subscriber.All.Count);
    }

    private static async Task<JsonElement> SubscribeAsync(HttpClient staff, string url)
    {
        var answer = await staff.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "FeedbackReceived" } });
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A report filed over Open311 with the programme's key (one FeedbackReceived); its reference.</summary>
    private static async Task<string> FileAsync(IntegrationGatewayApplication app)
    {
        using var http = app.CreateClient();
        var post = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = Key,
            ["jurisdiction_id"] = "casablanca",
            ["service_code"] = "lighting",
            ["description"] = "Lampadaire éteint devant l'école",
            ["address_string"] = "Rue 12, Hay Hassani",
            ["phone"] = CitizenPhone,
        }));
        var body = await post.Content.ReadAsStringAsync();
        Assert.True(post.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;
    }
}
