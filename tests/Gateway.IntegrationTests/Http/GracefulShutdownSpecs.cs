using System.Diagnostics;
using System.Globalization;
using Gateway.Admin;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Http;

/// <summary>
/// Issue 22 what-to-build 7: the gateway, run as a deployment runs it (its own process, Production, real Redis), stops
/// within 30 s of SIGTERM while WhatsApp replies are being retried against a provider that refuses them, and the replies
/// it was retrying are not lost: on RabbitMQ the broker gives them (and those queued behind) to another replica; on the
/// in-memory bus they go back into the outbox, which the next start relays.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class GracefulShutdownSpecs
{
    private const string AppSecret = "shutdown-meta-app-secret-0123456789";
    private const string AccessToken = "EAAG-shutdown-token";
    private const string PhoneNumberId = "106540352242922";

    /// <summary>Contacts whose replies are in flight at once: more than the consumer's partitions, so some wait behind others.</summary>
    private const int Contacts = 40;

    /// <summary>The requirement: a container runtime sends SIGKILL 30 s after SIGTERM by default.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static string WaId(int i) => "2126123460" + i.ToString("D2", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("rabbitmq")]
    [InlineData("in-memory")]
    public async Task SIGTERM_stops_the_gateway_within_30_s_while_replies_are_retried_against_a_refusing_provider(string bus)
    {
        await Servers.FlushRedisAsync();
        var vhost = "shutdown-" + Guid.NewGuid().ToString("N")[..8];
        if (bus == "rabbitmq") await Servers.AddVhostAsync(vhost);
        try
        {
            await using var refusing = await FakeGraphApi.StartNewAsync();
            refusing.FailNext(1_000_000, 503, "2");
            await using var gateway = await StartGatewayAsync(refusing, bus == "rabbitmq" ? Servers.RabbitMqOn(vhost) : "");

            using (var http = new HttpClient { BaseAddress = gateway.BaseAddress })
                for (var i = 0; i < Contacts; i++)
                {
                    using var webhook = WhatsAppCloudWebhook.Text(AppSecret, PhoneNumberId, "212522000000", WaId(i), $"wamid.SHUTDOWN{i}", "AVIS");
                    using var answered = await http.SendAsync(webhook);
                    Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
                }
            // Refused, retried by the HTTP client, then by the bus consumer: replies are in flight.
            await refusing.WaitForRequestsAsync(2 * Contacts);

            var clock = Stopwatch.StartNew();
            var stopped = await gateway.TerminateAsync(Deadline);

            Assert.True(stopped, $"the gateway was still running {Deadline.TotalSeconds} s after SIGTERM ({bus} bus); its log ends:\n{gateway.LogTail()}");
            Assert.True(clock.Elapsed < Deadline, $"stopped after {clock.Elapsed.TotalSeconds:0.0} s");
            await TheNextReplicaSendsTheRepliesAsync(bus == "rabbitmq" ? Servers.RabbitMqOn(vhost) : "", refusing);
        }
        finally
        {
            if (bus == "rabbitmq") await Servers.DeleteVhostAsync(vhost);
        }
    }

    /// <summary>
    /// Another replica on the same servers sends the replies the stopped one was retrying, as they were. On RabbitMQ they
    /// were left unacknowledged, so the broker hands them over with those still queued: all of them. On the in-memory bus the
    /// stopping replica put the ones it held back into the outbox; what that bus still queued in memory is gone with it.
    /// </summary>
    private static async Task TheNextReplicaSendsTheRepliesAsync(string rabbitMq, FakeGraphApi refused)
    {
        var retried = refused.Requests.GroupBy(r => (string)r.Json["to"]!).ToDictionary(g => g.Key, g => g.First().Body);
        HashSet<string> expected = rabbitMq.Length > 0 ? [.. Enumerable.Range(0, Contacts).Select(WaId)] : [.. retried.Keys];
        Assert.NotEmpty(retried);
        await using var accepting = await FakeGraphApi.StartNewAsync();
        await using var replica = new IntegrationGatewayApplication()
            .With("ConnectionStrings:RabbitMq", rabbitMq)
            .With("WhatsApp:AppSecret", AppSecret).With("WhatsApp:AccessToken", AccessToken)
            .With("WhatsApp:PhoneNumberId", PhoneNumberId).With("WhatsApp:GraphBaseUrl", accepting.BaseUrl + "/v21.0");
        _ = replica.Services;

        IReadOnlyList<RecordedRequest> sent = [];
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!expected.IsSubsetOf((sent = accepting.Requests).Select(r => (string)r.Json["to"]!)) && DateTime.UtcNow < deadline) await Task.Delay(200);
        var missing = expected.Except(sent.Select(r => (string)r.Json["to"]!)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {expected.Count} replies not sent by the next replica: {string.Join(", ", missing)}; sent {sent.Count}; retried {retried.Count}");

        Assert.All(sent.Where(r => retried.ContainsKey((string)r.Json["to"]!)), r => Assert.Equal(retried[(string)r.Json["to"]!], r.Body));
        Assert.Equal(sent.Count, sent.Select(r => (string)r.Json["to"]!).Distinct().Count());
    }

    /// <summary>The gateway's own build (<c>dotnet Gateway.dll</c>) in Production, with the settings Production requires.</summary>
    private static Task<ServerProcess> StartGatewayAsync(FakeGraphApi graph, string rabbitMq)
    {
        var port = ServerProcess.FreePort();
        var directory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Redis"] = Servers.Redis,
            ["DataProtection__AllowUnprotectedKeys"] = "true", // a test Redis, flushed by the next test
            ["ConnectionStrings__RabbitMq"] = rabbitMq,
            ["Gateway__PseudonymKey"] = "shutdown-spec-pseudonym-key-0123456789abcdef",
            ["Admin__ApiKeys__0__Name"] = "programme",
            ["Admin__ApiKeys__0__Hash"] = AdminKeys.HashText("shutdown-spec-admin-key-0123456789abcdef"),
            ["Ussd__AfricasTalking__Enabled"] = "false",
            ["Ussd__Arkesel__Enabled"] = "false",
            ["WhatsApp__AppSecret"] = AppSecret,
            ["WhatsApp__AccessToken"] = AccessToken,
            ["WhatsApp__PhoneNumberId"] = PhoneNumberId,
            ["WhatsApp__GraphBaseUrl"] = graph.BaseUrl + "/v21.0",
        };
        return ServerProcess.StartAsync("shutdown", Path.Combine(directory, "Gateway.dll"), [], directory, port, environment, "/health/ready");
    }
}
