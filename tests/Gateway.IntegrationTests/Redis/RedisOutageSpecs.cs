using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations.Ports;

namespace Gateway.IntegrationTests.Redis;

[Collection(ServersCollection.Name)]
public sealed class RedisOutageSpecs
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Contacts_survive_a_redis_restart()
    {
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication();
        var store = app.Services.GetRequiredService<IContactStore>();
        await Commits.CommitFeedbackAsync(store, "c-survivor", "R-AOF1");
        var before = (await store.GetAsync("c-survivor", None))!.Version;

        await Servers.RestartAsync("redis");

        // The gateway's own multiplexer reconnects by itself.
        var stored = await Wait.ForAsync(() => store.GetAsync("c-survivor", None), s => s is not null, "the contact after the restart");
        Assert.Equal(before, stored!.Version);
        Assert.Equal("+212600000001", stored.State.Phone);
    }

    [Fact]
    public async Task With_redis_down_commits_fail_as_store_unavailable_and_readiness_is_503_naming_redis()
    {
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication();
        var client = app.CreateClient();
        await Wait.ForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "readiness before the outage");
        var store = app.Services.GetRequiredService<IContactStore>();

        await Servers.StopAsync("redis");
        try
        {
            var response = await Wait.ForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to fail");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            var redis = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "redis");
            Assert.Equal("Unhealthy", redis.GetProperty("status").GetString());
            Assert.StartsWith("redis unreachable", redis.GetProperty("description").GetString());

            await Assert.ThrowsAsync<StoreUnavailableException>(() => Commits.CommitFeedbackAsync(store, "c-down", "R-DOWN"));
        }
        finally
        {
            await Servers.StartAsync("redis");
        }

        await Wait.ForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "readiness after redis returned");
        await Commits.CommitFeedbackAsync(store, "c-back", "R-BACK");
    }
}
