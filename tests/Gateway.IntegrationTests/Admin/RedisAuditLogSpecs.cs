using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Admin;
using Gateway.Admin.Audit;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage.Redis;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Admin;

/// <summary>Issue 22 finding 3: the audit log on real Redis reads back what was recorded, newest first.</summary>
[Collection(ServersCollection.Name)]
public sealed class RedisAuditLogSpecs
{
    private const string ProgrammeKey = "integration-programme-key-01";

    [Fact]
    public async Task Recorded_entries_read_back_from_Redis_newest_first_and_no_more_than_max()
    {
        await Servers.FlushRedisAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Servers.Redis));
        var log = new RedisAuditLog(redis);
        var start = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 5; i++)
            await log.RecordAsync(new AuditEntry(start.AddSeconds(i), "programme", null, "programme", $"action.{i}", $"n={i}", 200), CancellationToken.None);

        var newest = await log.ReadAsync(3, CancellationToken.None);
        var all = await log.ReadAsync(AdminAudit.MaxRead, CancellationToken.None);

        Assert.Equal(["action.5", "action.4", "action.3"], newest.Select(e => e.Action));
        Assert.Equal(["action.5", "action.4", "action.3", "action.2", "action.1"], all.Select(e => e.Action));
        Assert.Equal(start.AddSeconds(5), newest[0].At);
    }

    [Fact]
    public async Task GET_api_audit_on_a_gateway_with_Redis_lists_the_programme_writes_newest_first()
    {
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication()
            .With("Admin:ApiKeys:0:Key", ProgrammeKey).With("Admin:ApiKeys:0:Name", "programme");
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add(AdminExtensions.HeaderName, ProgrammeKey);

        using var created = await http.PostAsJsonAsync("/api/polls", new
        {
            commune = "casablanca",
            keyword = "AUDIT",
            question = new Dictionary<string, string> { ["fr"] = "Une question ?" },
            options = new[] { new Dictionary<string, string> { ["fr"] = "Oui" }, new Dictionary<string, string> { ["fr"] = "Non" } },
            closesAt = DateTimeOffset.UtcNow.AddDays(7),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var poll = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var closed = await http.PostAsync($"/api/polls/{poll}/close", null);
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());

        var all = await http.GetFromJsonAsync<JsonElement>("/api/audit");
        var one = await http.GetFromJsonAsync<JsonElement>("/api/audit?max=1");

        Assert.Equal(["POST /api/polls/{id}/close", "POST /api/polls/"], all.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var newest = Assert.Single(one.EnumerateArray());
        Assert.Equal("POST /api/polls/{id}/close", newest.GetProperty("action").GetString());
        Assert.Equal($"id={poll}", newest.GetProperty("target").GetString());
        Assert.Equal("programme", newest.GetProperty("actor").GetString());
        Assert.Equal("api", newest.GetProperty("surface").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("person").ValueKind);
    }

    [Fact]
    public async Task Entries_stored_before_person_and_surface_existed_still_read_with_the_surface_they_came_through()
    {
        await Servers.FlushRedisAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnection.Options(Servers.Redis));
        // As the gateway wrote them before this change (web JSON of the seven-field record).
        await redis.GetDatabase().StreamAddAsync(RedisAuditLog.Key, "e",
            """{"at":"2026-12-01T10:00:00+00:00","actor":"keys command","actorCommune":null,"role":"programme","action":"key.created","target":"name=casa, role=staff, commune=casablanca","status":200}""");
        await redis.GetDatabase().StreamAddAsync(RedisAuditLog.Key, "e",
            """{"at":"2026-12-01T10:05:00+00:00","actor":"casa","actorCommune":"casablanca","role":"staff","action":"POST /api/feedback/{reference}/status","target":"reference=R-ABCDE","status":200}""");
        var log = new RedisAuditLog(redis);
        await log.RecordAsync(new AuditEntry(DateTimeOffset.Parse("2026-12-01T10:10:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
            "casa", "casablanca", "staff", "report.answered", "reference=R-ABCDE", 200) { Person = "Samira Alaoui", Surface = AuditSurfaces.Console }, CancellationToken.None);

        var entries = await log.ReadAsync(10, CancellationToken.None);

        Assert.Equal(
            [("report.answered", "console", "Samira Alaoui"), ("POST /api/feedback/{reference}/status", "api", null), ("key.created", "cli", null)],
            entries.Select(e => (e.Action, e.Surface, e.Person)));
        Assert.Equal(("casa", "casablanca", "staff", "reference=R-ABCDE", 200), (entries[1].Actor, entries[1].ActorCommune, entries[1].Role, entries[1].Target, entries[1].Status));
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), entries[2].At);
    }
}
