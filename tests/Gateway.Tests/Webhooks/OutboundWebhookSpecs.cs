using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Feedback;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Gateway.Tests.Webhooks;

/// <summary>
/// Outbound webhooks through the public surface: a partner subscribes over the API, a report is filed over Open311, and
/// the partner's server (a real socket on loopback) receives it signed as Standard Webhooks says; retries, the stop after
/// a long failure, re-enabling and replay, commune scoping. The fake clock stands for the hours a partner may be down.
/// </summary>
public sealed class OutboundWebhookSpecs
{
    private const string CitizenPhone = "+212600000099";

    // A claim's lease is Webhooks:Timeout × 2 + 30 s of the gateway's (fake) clock: the longest timeout keeps the minutes
    // these specs jump from outrunning an attempt still in flight on a loaded machine (a second round would send it again).
    private static GatewayApplication Host(int maxAttempts = 40) => FeedbackHost.Create()
        .With("Webhooks:AllowPrivateNetworks", "true")
        .With("Webhooks:Timeout", "00:05:00")
        .With("Webhooks:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("Webhooks:PollInterval", "00:00:00.050");

    [Fact]
    public async Task A_subscriber_receives_a_signed_FeedbackReceived_that_the_StandardWebhooks_verifier_accepts()
    {
        await using var subscriber = await WebhookSubscriber.StartAsync();
        await using var app = Host();
        // The signature's timestamp is the gateway's clock; a verifier compares it with the real time.
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var staff = app.Staff();

        var created = await SubscribeAsync(staff, subscriber.Url, "FeedbackReceived");
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var listed = await staff.GetStringAsync("/api/webhooks");
        Assert.Contains(created.GetProperty("id").GetString()!, listed);
        Assert.DoesNotContain("whsec_", listed);

        var reference = await FileAsync(app, "casablanca");
        var received = await Wait.ForAsync(() => Task.FromResult(subscriber.Accepted), r => r.Count >= 1, "the delivery");

        var delivery = Assert.Single(received);
        // The documented verification (README, "Outbound webhooks"): the package's verifier, given the secret as shown.
        new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers);
        Assert.StartsWith("v1,", delivery.Headers["webhook-signature"].ToString());
        Assert.StartsWith("msg_", delivery.Id);

        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("FeedbackReceived", body.GetProperty("type").GetString());
        Assert.True(body.TryGetProperty("timestamp", out _));
        var data = body.GetProperty("data");
        Assert.Equal(reference, data.GetProperty("reference").GetString());
        Assert.Equal("casablanca", data.GetProperty("commune").GetString());
        Assert.Equal("lighting", data.GetProperty("category").GetString());
        Assert.DoesNotContain(CitizenPhone, delivery.Body);
        Assert.DoesNotContain("600000099", delivery.Body);

        // A body changed on the way does not verify.
        var tampered = delivery.Body.Replace("lighting", "water");
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(secret).Verify(tampered, delivery.Headers));
    }

    [Fact]
    public async Task While_the_subscriber_answers_500_nothing_is_lost_and_every_delivery_arrives_once_it_recovers()
    {
        await using var subscriber = await WebhookSubscriber.StartAsync(failing: true);
        await using var app = Host();
        var staff = app.Staff();
        var id = (await SubscribeAsync(staff, subscriber.Url, "FeedbackReceived", "FeedbackStatusChanged")).GetProperty("id").GetString()!;

        var first = await FileAsync(app, "casablanca");
        var second = await FileAsync(app, "casablanca");
        // The partner is down through several retries (the clock moves a minute at each look).
        await Wait.ForAsync(async () =>
        {
            await AdvanceWhenSettledAsync(app, staff, id, subscriber, TimeSpan.FromMinutes(1));
            return subscriber.All.Count;
        }, n => n >= 6, "failed attempts");
        subscriber.Failing = false;

        var accepted = await Wait.ForAsync(async () =>
        {
            await AdvanceWhenSettledAsync(app, staff, id, subscriber, TimeSpan.FromMinutes(1));
            return subscriber.Accepted;
        }, r => r.Select(d => d.Id).Distinct().Count() >= 2, "both deliveries after the recovery");

        var references = accepted.Select(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("data").GetProperty("reference").GetString()).ToHashSet();
        Assert.Equal([first, second], references.Order().ToHashSet());
        var deliveries = JsonDocument.Parse(await staff.GetStringAsync($"/api/webhooks/{id}/deliveries")).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d =>
        {
            Assert.Equal("delivered", d.GetProperty("state").GetString());
            Assert.True(d.GetProperty("attempts").GetInt32() >= 2, d.ToString());
        });
        // Each retry of one event carried the same webhook-id, so the partner can drop repeats.
        Assert.Equal(2, subscriber.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_subscriber_that_keeps_failing_is_paused_and_probed_not_flooded_and_its_queue_flows_once_it_recovers()
    {
        await using var subscriber = await WebhookSubscriber.StartAsync(failing: true);
        await using var app = Host().With("Webhooks:BreakAfter", "2");
        var staff = app.Staff();
        var id = (await SubscribeAsync(staff, subscriber.Url, "FeedbackReceived")).GetProperty("id").GetString()!;
        async Task<List<JsonElement>> Deliveries() =>
            JsonDocument.Parse(await staff.GetStringAsync($"/api/webhooks/{id}/deliveries")).RootElement.EnumerateArray().ToList();
        static int Attempts(JsonElement d) => d.GetProperty("attempts").GetInt32();
        static DateTimeOffset Next(JsonElement d) => d.GetProperty("nextAttemptAt").GetDateTimeOffset();

        // Two failures in a row (Webhooks:BreakAfter) pause the subscriber.
        await FileAsync(app, "casablanca");
        await FileAsync(app, "casablanca");
        await Wait.ForAsync(Deliveries, d => d.Count == 2 && d.All(x => Attempts(x) == 1), "two failed attempts");

        // Events while it is paused are queued due at the pause's end: kept, and not attempted (the clock stands still).
        var now = app.Clock.GetUtcNow();
        for (var i = 0; i < 3; i++) await FileAsync(app, "casablanca");
        var queued = await Wait.ForAsync(Deliveries, d => d.Count == 5, "five deliveries queued");
        var paused = queued.Where(d => Attempts(d) == 0).ToList();
        Assert.Equal(3, paused.Count);
        Assert.All(paused, d => Assert.True(Next(d) > now, $"due at {Next(d)}, now {now}: {d}"));

        // At the pause's end one delivery goes as a probe; it fails, and every delivery waits for the next, longer pause.
        app.Clock.Advance(TimeSpan.FromSeconds(11));
        var afterProbe = await Wait.ForAsync(Deliveries,
            d => d.Sum(Attempts) == 3 && d.All(x => Next(x) > app.Clock.GetUtcNow()), "one probe, then everything paused again");
        Assert.Equal(3, subscriber.All.Count);
        Assert.Equal(3, afterProbe.Count(d => Attempts(d) == 0));

        // Recovered: the next probe gets through and the whole queue flows, each delivery once.
        subscriber.Failing = false;
        await Wait.ForAsync(async () =>
        {
            await AdvanceWhenSettledAsync(app, staff, id, subscriber, TimeSpan.FromSeconds(30));
            return subscriber.Accepted;
        }, r => r.Select(d => d.Id).Distinct().Count() == 5, "the five deliveries after the recovery");
        var delivered = await Wait.ForAsync(Deliveries, d => d.All(x => x.GetProperty("state").GetString() == "delivered"), "all delivered");
        Assert.Equal(5, subscriber.Accepted.Count);
        Assert.Equal(8, subscriber.All.Count);
        Assert.Equal(8, delivered.Sum(Attempts));
    }

    [Fact]
    public async Task A_subscription_that_keeps_failing_is_stopped_with_an_audit_entry_and_can_be_re_enabled_and_replayed()
    {
        await using var subscriber = await WebhookSubscriber.StartAsync(failing: true);
        await using var app = Host(maxAttempts: 3);
        var staff = app.Staff();
        var programme = app.Staff(FeedbackHost.ProgrammeKey);
        var id = (await SubscribeAsync(staff, subscriber.Url, "FeedbackReceived")).GetProperty("id").GetString()!;
        await FileAsync(app, "casablanca");

        var stopped = await Wait.ForAsync(async () =>
        {
            await AdvanceWhenSettledAsync(app, staff, id, subscriber, TimeSpan.FromMinutes(1));
            return JsonDocument.Parse(await staff.GetStringAsync("/api/webhooks")).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
        }, s => s.GetProperty("state").GetString() == "stopped", "the subscription to stop");
        Assert.Contains("3 attempts", stopped.GetProperty("stopReason").GetString());
        Assert.Contains("HTTP 500", stopped.GetProperty("stopReason").GetString());
        Assert.Equal(3, subscriber.All.Count);

        var audit = await programme.GetStringAsync("/api/audit");
        var entry = JsonDocument.Parse(audit).RootElement.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "webhook.stopped");
        Assert.Equal($"id={id}", entry.GetProperty("target").GetString());
        Assert.Equal("casablanca", entry.GetProperty("actorCommune").GetString());

        var delivery = JsonDocument.Parse(await staff.GetStringAsync($"/api/webhooks/{id}/deliveries")).RootElement.EnumerateArray().Single();
        Assert.Equal("failed", delivery.GetProperty("state").GetString());
        var deliveryId = delivery.GetProperty("id").GetString()!;

        // Replaying needs an active subscription.
        var early = await staff.PostAsJsonAsync($"/api/webhooks/{id}/replay", new { deliveryId });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        subscriber.Failing = false;
        var enabled = await staff.PostAsync($"/api/webhooks/{id}/enable", null);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var replay = await staff.PostAsJsonAsync($"/api/webhooks/{id}/replay", new { deliveryId });
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        var accepted = await Wait.ForAsync(() => Task.FromResult(subscriber.Accepted), r => r.Count >= 1, "the replayed delivery");
        Assert.Equal(deliveryId, Assert.Single(accepted).Id);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("http://10.1.2.3/hooks")]
    [InlineData("http://192.168.1.10/hooks")]
    [InlineData("http://172.20.0.1/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hooks")]
    [InlineData("http://[fd00::1]/hooks")]
    [InlineData("http://[::ffff:127.0.0.1]/hooks")]
    [InlineData("http://0.0.0.0/hooks")]
    public async Task A_loopback_or_private_subscriber_url_is_refused_unless_configured(string url)
    {
        await using var app = FeedbackHost.Create();
        var answer = await app.Staff().PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "FeedbackReceived" } });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("private", errors.GetProperty("url")[0].GetString());
    }

    [Theory]
    [InlineData("ftp://partner.example/hooks", "absolute http or https")]
    [InlineData("/hooks", "absolute http or https")]
    [InlineData("https://user:pass@partner.example/hooks", "user name or password")]
    public async Task A_malformed_subscriber_url_is_refused_with_the_reason(string url, string reason)
    {
        await using var app = FeedbackHost.Create();
        var answer = await app.Staff().PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "FeedbackReceived" } });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(reason, await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_event_or_none_is_refused_naming_the_events_there_are()
    {
        await using var app = FeedbackHost.Create();
        var staff = app.Staff();

        var unknown = await staff.PostAsJsonAsync("/api/webhooks", new { url = "https://partner.example/hooks", events = new[] { "FeedbackReceived", "PollCreated" } });
        var none = await staff.PostAsJsonAsync("/api/webhooks", new { url = "https://partner.example/hooks", events = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var detail = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("'PollCreated'", detail);
        Assert.Contains("ContactErased", detail);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_the_delivery_connects()
    {
        // DNS rebinding: the name is checked again on every connection, against the address it resolves to then.
        await using var subscriber = await WebhookSubscriber.StartAsync();
        var guard = new Gateway.Webhooks.WebhookUrlGuard(Microsoft.Extensions.Options.Options.Create(new Gateway.Webhooks.WebhookOptions()),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Testing" });
        using var client = new HttpClient(Gateway.Webhooks.WebhookSender.Handler(guard));
        var byName = subscriber.Url.Replace("127.0.0.1", "localhost");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(byName, new StringContent("{}")));

        Assert.Contains("private addresses", refused.InnerException?.Message);
        Assert.Empty(subscriber.All);
    }

    [Fact]
    public async Task In_production_a_subscriber_url_must_be_https()
    {
        var guard = new Gateway.Webhooks.WebhookUrlGuard(Microsoft.Extensions.Options.Options.Create(new Gateway.Webhooks.WebhookOptions()),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });

        Assert.Contains("https", await guard.RefusalAsync("http://93.184.216.34/hooks", CancellationToken.None));
        Assert.Null(await guard.RefusalAsync("https://93.184.216.34/hooks", CancellationToken.None));
    }

    [Fact]
    public async Task A_commune_sees_and_receives_only_its_own_subscriptions_and_events()
    {
        await using var casablancaPartner = await WebhookSubscriber.StartAsync();
        await using var settatPartner = await WebhookSubscriber.StartAsync();
        await using var app = Host();
        var casablanca = app.Staff();
        var settat = app.Staff(FeedbackHost.SettatKey);
        var casablancaId = (await SubscribeAsync(casablanca, casablancaPartner.Url, "FeedbackReceived")).GetProperty("id").GetString()!;
        var settatId = (await SubscribeAsync(settat, settatPartner.Url, "FeedbackReceived")).GetProperty("id").GetString()!;

        // Another commune's subscription does not exist for this key.
        Assert.DoesNotContain(casablancaId, await settat.GetStringAsync("/api/webhooks"));
        Assert.Equal(HttpStatusCode.NotFound, (await settat.DeleteAsync($"/api/webhooks/{casablancaId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await settat.GetAsync($"/api/webhooks/{casablancaId}/deliveries")).StatusCode);
        var foreign = await settat.PostAsJsonAsync("/api/webhooks", new { url = settatPartner.Url, events = new[] { "FeedbackReceived" }, commune = "casablanca" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var casablancaReport = await FileAsync(app, "casablanca");
        await Wait.ForAsync(() => Task.FromResult(casablancaPartner.Accepted), r => r.Count >= 1, "Casablanca's delivery");
        var settatReport = await FileAsync(app, "settat");
        await Wait.ForAsync(() => Task.FromResult(settatPartner.Accepted), r => r.Count >= 1, "Settat's delivery");

        // The Casablanca event's fan-out was over before Settat's report was filed: had it queued anything for Settat, it would be listed.
        var settatDeliveries = await settat.GetStringAsync($"/api/webhooks/{settatId}/deliveries");
        Assert.Single(JsonDocument.Parse(settatDeliveries).RootElement.EnumerateArray());
        Assert.Contains(settatReport, Assert.Single(settatPartner.All).Body);
        Assert.Contains(casablancaReport, Assert.Single(casablancaPartner.All).Body);

        // Deleting stops deliveries at once and answers the same when repeated.
        Assert.Equal(HttpStatusCode.NoContent, (await settat.DeleteAsync($"/api/webhooks/{settatId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await settat.DeleteAsync($"/api/webhooks/{settatId}")).StatusCode);
        Assert.DoesNotContain(settatId, await settat.GetStringAsync("/api/webhooks"));
    }

    /// <summary>
    /// Moves the fake clock on only when every attempt the subscriber saw is recorded (none in flight), so that a jump
    /// never lets a claim's lease run out under an attempt that is merely slow.
    /// </summary>
    private static async Task AdvanceWhenSettledAsync(GatewayApplication app, HttpClient staff, string subscriptionId, WebhookSubscriber subscriber, TimeSpan by)
    {
        var recorded = JsonDocument.Parse(await staff.GetStringAsync($"/api/webhooks/{subscriptionId}/deliveries")).RootElement
            .EnumerateArray().Sum(d => d.GetProperty("attempts").GetInt32());
        if (recorded == subscriber.All.Count) app.Clock.Advance(by);
    }

    private static async Task<JsonElement> SubscribeAsync(HttpClient http, string url, params string[] events)
    {
        var answer = await http.PostAsJsonAsync("/api/webhooks", new { url, events });
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A report filed over Open311 with the commune's key (the programme's for any commune); its reference.</summary>
    private static async Task<string> FileAsync(GatewayApplication app, string commune)
    {
        var post = await app.CreateClient().PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = FeedbackHost.ProgrammeKey,
            ["jurisdiction_id"] = commune,
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
