using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;

namespace Gateway.Benchmarks.Http;

/// <summary>What a scenario checked once the load stopped and the outbox drained: a line for the report, and whether it holds.</summary>
public sealed record AfterLoadCheck(string Report, bool Holds);

/// <summary>
/// Issue 27: the USSD feedback walk (one FeedbackReceived per walk, <see cref="UssdScenario"/>) with no webhook
/// subscriber (A), or with one subscribed to FeedbackReceived that answers 500 to every delivery (B). Both arms run
/// the gateway alike (a non-Production environment, where an http subscriber URL is accepted, and private addresses
/// allowed: the subscriber is on loopback), so the only difference is the failing subscriber. After the load, every
/// report filed must have its delivery waiting in the queue (nothing lost).
/// </summary>
public sealed class WebhookLoadScenario(bool withFailingSubscriber) : IScenario, IAsyncDisposable
{
    /// <summary>Where the webhook store keeps deliveries due (RedisWebhookStore): pending and claimed ones, finished ones leave it.</summary>
    private static readonly RedisKey DueKey = "{gw:webhooks}:due";

    private readonly UssdScenario _walks = new();
    private FailingSubscriber? _subscriber;

    public string Name => withFailingSubscriber ? "ussd, subscriber 500" : "ussd, no subscriber";
    public string Unit => "hops";

    public Task<ServerProcess> StartServerAsync(BenchSettings settings) => GatewayServer.StartAsync(settings, new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Staging",
        ["Webhooks__AllowPrivateNetworks"] = "true",
    });

    public async Task PrepareAsync(HttpClient client)
    {
        if (!withFailingSubscriber || _subscriber is not null) return;
        _subscriber = await FailingSubscriber.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks")
        {
            Content = JsonContent.Create(new { url = _subscriber.Url.ToString(), events = new[] { "FeedbackReceived" } }),
        };
        request.Headers.Add("X-Api-Key", GatewayServer.AdminKey);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkSetupException($"subscribing the failing subscriber failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public IReadOnlyList<WalkStep> Walk(long walk, Uri baseAddress) => _walks.Walk(walk, baseAddress);

    /// <summary>
    /// Reports filed (the desk's total: one per FeedbackReceived, smoke walk and warm-up included, on a Redis emptied
    /// before the scenario) against deliveries waiting; waits up to 60 s for the fan-out to catch up with the bus.
    /// </summary>
    public async Task<AfterLoadCheck> CheckAsync(Uri baseAddress, ConnectionMultiplexer redis)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", GatewayServer.AdminKey);
        var clock = Stopwatch.StartNew();
        long reports, waiting;
        do
        {
            var stats = JsonDocument.Parse(await client.GetStringAsync("/api/feedback/stats")).RootElement;
            reports = stats.GetProperty("total").GetInt64();
            waiting = await redis.GetDatabase().SortedSetLengthAsync(DueKey);
            if (!withFailingSubscriber || waiting == reports) break;
            await Task.Delay(250);
        } while (clock.Elapsed < TimeSpan.FromSeconds(60));

        if (!withFailingSubscriber)
            return new AfterLoadCheck($"reports filed {reports}, deliveries waiting {waiting} (no subscriber)", waiting == 0);
        return new AfterLoadCheck(
            $"reports filed (FeedbackReceived) {reports}, deliveries waiting {waiting} after {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"subscriber: {_subscriber!.Attempts} attempts answered 500, {_subscriber.DistinctDeliveries} distinct webhook-ids",
            waiting == reports && reports > 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscriber is not null) await _subscriber.DisposeAsync();
    }
}
