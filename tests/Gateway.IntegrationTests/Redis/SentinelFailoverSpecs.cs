using System.Net;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Redis;

/// <summary>
/// The gateway on a Sentinel-managed primary and replica (<c>GATEWAY_REDIS_SENTINEL</c>: the sentinels and
/// <c>serviceName=</c>, nothing else changed): the primary fails over and the gateway goes on, on the new primary.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SentinelFailoverSpecs
{
    private const string Staff = "sentinel-casablanca-staff-key-0123456789";

    [Fact]
    public async Task After_the_primary_fails_over_a_report_is_stored_on_the_new_primary_and_counted_with_the_one_before()
    {
        await Servers.FlushRedisAsync(Servers.RedisSentinel);
        await using var app = new IntegrationGatewayApplication()
            .With("ConnectionStrings:Redis", Servers.RedisSentinel)
            .With("Admin:ApiKeys:0:Key", Staff).With("Admin:ApiKeys:0:Name", "agent casa").With("Admin:ApiKeys:0:Commune", "casablanca");
        var http = app.CreateClient();
        var staff = app.CreateClient(Staff);
        var before = await ReportAsync(http, "+212664100001", "Pas d'eau avant la bascule");
        var oldPrimary = await PrimaryAsync();

        await FailOverAsync();
        var newPrimary = await Wait.ForAsync(PrimaryAsync, p => !p.Equals(oldPrimary), "the sentinels to promote the replica");

        // The gateway follows the sentinels to the new primary by itself; a provider resends what got a 503 meanwhile.
        await Wait.ForAsync(() => Readiness.GetAsync(http), r => r.Code == HttpStatusCode.OK, "readiness on the new primary");
        var after = await ReportAsync(http, "+212664100002", "Pas d'eau après la bascule");

        var listed = await Wait.ForAsync(() => GetAsync(staff, "/api/feedback"), p => References(p).Contains(after), "the report filed after the failover to be listed");
        // Both reports, each once: the one written before the failover was replicated, the one after went to the new primary.
        Assert.Equal(new[] { after, before }.Order(), References(listed).Order());
        // Stored where the sentinels now say the primary is, and not only in a cache of the gateway.
        await using var direct = await ConnectionMultiplexer.ConnectAsync($"{newPrimary},allowAdmin=true");
        Assert.False(direct.GetServer(newPrimary).IsReplica);
        Assert.True(await direct.GetDatabase().KeyExistsAsync(global::Gateway.Feedback.Storage.FeedbackKeys.Record(after)), "the report's record is not on the new primary");
    }

    /// <summary>Files a report through the simulator, resending the same message (same id) while the gateway answers 503.</summary>
    private static async Task<string> ReportAsync(HttpClient http, string from, string text)
    {
        var phone = new SimulatorPhone(http, from);
        string reply = "";
        foreach (var (message, i) in new[] { "AVIS", "Casablanca", "Eau", text, "Hay Dakhla" }.Select((m, i) => (m, i)))
        {
            var id = $"SM-{from}-{i}";
            var (_, body) = await Wait.ForAsync(() => phone.PostAsync(http, message, id), r => r.Status == HttpStatusCode.OK, $"an answer to '{message}'");
            reply = SimulatorAnswer.Parse(body).Text;
        }
        return System.Text.RegularExpressions.Regex.Match(reply, @"R-[2-9A-HJKMNP-TV-Z]{5}").Value is { Length: > 0 } reference ? reference
            : throw new InvalidOperationException("no reference in: " + reply);
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] References(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()!)];

    /// <summary>A connection to the sentinels themselves (their own command set), from the same connection string.</summary>
    private static async Task<(ConnectionMultiplexer Sentinels, string Service)> SentinelsAsync()
    {
        var options = ConfigurationOptions.Parse(Servers.RedisSentinel);
        var service = options.ServiceName!;
        options.ServiceName = null;
        options.CommandMap = CommandMap.Sentinel;
        options.AllowAdmin = true;
        return (await ConnectionMultiplexer.ConnectAsync(options), service);
    }

    private static async Task<EndPoint> PrimaryAsync()
    {
        var (sentinels, service) = await SentinelsAsync();
        await using var _ = sentinels;
        return await sentinels.GetServer(sentinels.GetEndPoints()[0]).SentinelGetMasterAddressByNameAsync(service)
               ?? throw new InvalidOperationException("the sentinels know no primary for " + service);
    }

    /// <summary><c>SENTINEL FAILOVER</c>: the replica is promoted, the old primary made its replica.</summary>
    private static async Task FailOverAsync()
    {
        var (sentinels, service) = await SentinelsAsync();
        await using var _ = sentinels;
        // Refused (NOGOODSLAVE, INPROG) while the replica is not yet in sync or a failover is still settling: asked again.
        await Wait.ForAsync(async () =>
        {
            try
            {
                await sentinels.GetServer(sentinels.GetEndPoints()[0]).SentinelFailoverAsync(service);
                return true;
            }
            catch (RedisServerException)
            {
                return false;
            }
        }, done => done, "a sentinel to accept the failover");
    }
}
