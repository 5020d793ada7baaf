using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Alerts;
using Gateway.Channels;
using Gateway.Contacts;
using Gateway.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations;
using Gateway.Outbound;

namespace Gateway.IntegrationTests.Alerts;

/// <summary>Alerts on real Redis and RabbitMQ with two gateway replicas sharing one audience, one claim set and one rate limit.</summary>
[Collection(ServersCollection.Name)]
public class TwoReplicaAlertSpecs
{
    /// <summary>The Redis these specs run on: the single one here, the 3-master cluster in the <c>OnCluster</c> classes (Cluster/).</summary>
    protected virtual string Redis => Servers.Redis;

    private const string Key = "integration-programme-key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IntegrationGatewayApplication Replica(string name, ConcurrentQueue<RecordingSender.Sent> log, int rate) =>
        new IntegrationGatewayApplication()
            .With("ConnectionStrings:Redis", Redis)
            .With("Admin:ApiKeys:0:Key", Key)
            .With("Admin:ApiKeys:0:Name", "programme")
            .With("Alerts:RateLimits:fake", rate.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Alerts:BatchSize", "10")
            .With("Alerts:BatchConcurrency", "1")
            .With("Alerts:SchedulerInterval", "00:00:00.100")
            // Real clock here: no quiet hours, so the test does not depend on the hour it runs at.
            .With("Alerts:QuietHours:Start", "00:00")
            .With("Alerts:QuietHours:End", "00:00")
            .WithServices(s => s.AddSingleton<IMessageSender>(new RecordingSender(idPrefix: name + "-", log)));

    private static HttpClient Admin(IntegrationGatewayApplication app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private static string Phone(int i) => "+2126" + (20_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Two_replicas_together_respect_the_provider_rate_and_send_each_subscriber_once()
    {
        await Servers.FlushRedisAsync(Redis);
        const int rate = 10, subscribers = 60;
        var log = new ConcurrentQueue<RecordingSender.Sent>(); // one log for both replicas, each send's id prefixed by its replica
        await using var a = Replica("a", log, rate);
        await using var b = Replica("b", log, rate);
        using var clientA = Admin(a);
        using var clientB = Admin(b);
        _ = b.Server; // both replicas consume batches

        var rows = Enumerable.Range(0, subscribers).Select(i => new SubscriberRow(Phone(i), i % 2 == 0 ? "fr" : "ar", "sms", "fake")).ToList();
        (await clientA.PostAsJsonAsync("/api/communes/casablanca/subscribers:import", new { topic = "meetings", subscribers = rows }, Json)).EnsureSuccessStatusCode();

        var created = await clientA.PostAsJsonAsync("/api/alerts", new { commune = "casablanca", texts = new { fr = "Coupure d'eau demain matin.", ar = "انقطاع الماء غدا صباحا." } }, Json);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Either replica answers for the alert: the state is in Redis.
        var done = await Wait.ForAsync(async () => await clientB.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}"),
            v => v.GetProperty("status").GetString() == "done", "the alert to be done", seconds: 180);

        var sends = log.Select(s => (Replica: s.Id.Split('-')[0], s.Message.To, s.At)).ToList();
        Assert.Equal(subscribers, done.GetProperty("counts").GetProperty("sent").GetInt64());
        Assert.Equal(subscribers, sends.Count);
        Assert.Equal(subscribers, sends.Select(s => s.To).Distinct().Count());
        Assert.Contains(sends, s => s.Replica == "a");
        Assert.Contains(sends, s => s.Replica == "b");

        var times = sends.Select(s => s.At).Order().ToList();
        var max = MaxInAnySecond(times);
        Assert.True(max <= rate, $"{max} sends in one second (limit {rate}/s)");

        // The same batch redelivered to either replica sends nothing more: once both redeliveries have been consumed
        // (on whichever replica took them), every send they could have made is in the log.
        var consumed = new ConsumedIds();
        using var observedA = a.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        using var observedB = b.Services.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var ids = a.Services.GetRequiredService<ContactIds>();
        var redeliveries = new[] { NewId.NextGuid(), NewId.NextGuid() };
        await a.Services.GetRequiredService<IBus>().Publish(new SendAlertBatch(id, 1, rows.Select(r => ids.For(r.Phone)).ToList()), c => c.MessageId = redeliveries[0]);
        await b.Services.GetRequiredService<IBus>().Publish(new SendAlertBatch(id, 2, rows.Select(r => ids.For(r.Phone)).ToList()), c => c.MessageId = redeliveries[1]);
        await Wait.ForAsync(() => Task.FromResult(redeliveries.All(consumed.Ids.ContainsKey)), all => all, "both redelivered batches to be consumed");
        var after = await clientA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal(subscribers, log.Count);
        Assert.Equal(subscribers, after.GetProperty("counts").GetProperty("targeted").GetInt64());
    }

    /// <summary>The ids of the messages a bus's consumers have finished with (done or faulted).</summary>
    private sealed class ConsumedIds : IConsumeObserver
    {
        public ConcurrentDictionary<Guid, bool> Ids { get; } = new();

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Record(context);

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Record(context);

        private Task Record(ConsumeContext context)
        {
            if (context.MessageId is { } id) Ids[id] = true;
            return Task.CompletedTask;
        }
    }

    private static int MaxInAnySecond(IReadOnlyList<DateTime> sorted)
    {
        int max = 0, start = 0;
        for (var end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= TimeSpan.FromSeconds(1)) start++;
            max = Math.Max(max, end - start + 1);
        }
        return max;
    }
}
