using System.Net.Http.Json;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;

namespace Gateway.IntegrationTests.Privacy;

/// <summary>The per-number inbound limit is counted in Redis, so two replicas together let through no more than the limit.</summary>
[Collection(ServersCollection.Name)]
public sealed class SharedInboundLimitSpecs
{
    [Fact]
    public async Task The_per_phone_limit_holds_across_two_gateway_instances_sharing_redis()
    {
        await Servers.FlushRedisAsync();
        const int limit = 6;
        await using var a = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var b = new IntegrationGatewayApplication().With("Abuse:InboundPerPhone", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        // 20 messages from one number, alternating replicas: each replica alone is under 20, together far over the limit.
        var replies = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).PostAsJsonAsync("/api/simulator/messages",
                new { from = "+212611223344", channel = "sms", text = i == 0 ? "Bonjour" : "1", id = "lim-" + i });
            response.EnsureSuccessStatusCode();
            replies.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replies").GetArrayLength());
        }

        Assert.All(replies.Take(limit), n => Assert.True(n > 0));
        Assert.Equal(1, replies[limit]);
        Assert.All(replies.Skip(limit + 1), n => Assert.Equal(0, n));
    }
}
