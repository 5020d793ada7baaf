using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.IntegrationTests.Infrastructure;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.IntegrationTests.Privacy;

/// <summary>After erasure, nothing in Redis names the contact: neither its number nor its pseudonymous id, in any key or value.</summary>
[Collection(ServersCollection.Name)]
public sealed class ErasureScanSpecs
{
    private const string Key = "integration-erasure-programme-key";
    private const string Phone = "+212698765432";

    [Fact]
    public async Task After_erasure_a_scan_of_redis_finds_no_key_or_value_holding_the_number_or_the_contact_id()
    {
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication()
            .With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "programme")
            .With("Alerts:SchedulerInterval", "00:00:00.100")
            .With("Alerts:QuietHours:Start", "00:00").With("Alerts:QuietHours:End", "00:00");
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        // A conversation left open (SMS), a USSD session, a subscription and an alert received: every place a contact leaves a trace.
        var sms = await http.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, channel = "sms", text = "AVIS", to = "+212522000001" });
        var contactId = (await sms.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactId").GetString()!;
        (await http.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, channel = "sms", text = "2", to = "+212522000001" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, channel = "ussd", text = "", to = "*123*1#" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/communes/casablanca/subscribers:import",
            new { topic = "meetings", subscribers = new[] { new { phone = Phone, language = "fr", channel = "sms", provider = "simulator" } } })).EnsureSuccessStatusCode();
        var created = await http.PostAsJsonAsync("/api/alerts", new { commune = "casablanca", texts = new { fr = "Réunion du conseil jeudi.", ar = "اجتماع المجلس يوم الخميس." } });
        created.EnsureSuccessStatusCode();
        var alert = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Wait.ForAsync(async () => await http.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert}"),
            v => v.GetProperty("status").GetString() == "done", "the alert to be done", seconds: 180);
        await DrainAsync(app);
        // The trace is really there before erasure (else the scan below would prove nothing).
        Assert.NotEmpty(await ScanAsync(Phone, contactId));

        using var erased = await http.DeleteAsync("/api/contacts/" + Uri.EscapeDataString(Phone));
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        await DrainAsync(app);

        var found = await ScanAsync(Phone, contactId);
        Assert.True(found.Count == 0, "still in Redis after erasure:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task After_erasure_no_key_holds_the_citizens_profile_and_its_counts_left_the_profiles_cell()
    {
        await Servers.FlushRedisAsync();
        await using var app = new IntegrationGatewayApplication().With("Admin:ApiKeys:0:Key", Key).With("Admin:ApiKeys:0:Name", "programme");
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        const string phone = "+212698765433";
        const string place = "Derb Zqwxy";
        async Task<JsonElement> SayAsync(string text)
        {
            var answer = await http.PostAsJsonAsync("/api/simulator/messages", new { from = phone, channel = "sms", text, to = "+212522000001" });
            answer.EnsureSuccessStatusCode();
            return await answer.Content.ReadFromJsonAsync<JsonElement>();
        }

        // A report, then the profile it is followed by: a woman born in 1990 in a place typed as "other".
        var contactId = (await SayAsync("AVIS")).GetProperty("contactId").GetString()!;
        await SayAsync("2");
        await SayAsync("Pas d'eau depuis hier");
        await SayAsync("Passer");
        await SayAsync("1");
        await SayAsync("1990");
        await SayAsync(place);
        var export = await http.GetFromJsonAsync<JsonElement>("/api/contacts/" + Uri.EscapeDataString(phone));
        Assert.Equal(place, export.GetProperty("profile").GetProperty("placeOther").GetString());
        await DrainAsync(app);
        Assert.NotEmpty(await ScanAsync(phone, place));
        Assert.StartsWith("c", contactId);

        using var erased = await http.DeleteAsync("/api/contacts/" + Uri.EscapeDataString(phone));
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        await DrainAsync(app);

        // The profile's own trace (its "other" text) and the number; the filed report's record is the feedback desk's (its
        // retention), not the profile's, so the contact id is not searched here.
        var found = await ScanAsync(phone, place);
        Assert.True(found.Count == 0, "still in Redis after erasure:\n" + string.Join("\n", found));
    }

    private static Task DrainAsync(IntegrationGatewayApplication app) =>
        Wait.ForAsync(() => app.Services.GetRequiredService<IOutboxStore>().BacklogAsync(CancellationToken.None), n => n == 0, "the outbox to drain");

    /// <summary>Every key whose name or value (of any type) holds the number (as typed or in its digits) or the contact id.</summary>
    private static async Task<List<string>> ScanAsync(string phone, params string[] more)
    {
        string[] needles = [phone, phone.TrimStart('+'), .. more];
        bool Holds(string? text) => text is not null && needles.Any(n => text.Contains(n, StringComparison.Ordinal));
        var found = new List<string>();
        await using var redis = Servers.ConnectRedis();
        var db = redis.GetDatabase();
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: "*", pageSize: 1000))
            {
                if (Holds(key)) { found.Add($"key {key}"); continue; }
                var values = await db.KeyTypeAsync(key) switch
                {
                    RedisType.String => [(string?)await db.StringGetAsync(key)],
                    RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { (string?)e.Name, (string?)e.Value }).ToArray(),
                    RedisType.Set => (await db.SetMembersAsync(key)).Select(v => (string?)v).ToArray(),
                    RedisType.SortedSet => (await db.SortedSetRangeByRankAsync(key)).Select(v => (string?)v).ToArray(),
                    RedisType.List => (await db.ListRangeAsync(key)).Select(v => (string?)v).ToArray(),
                    RedisType.Stream => (await db.StreamRangeAsync(key)).SelectMany(e => e.Values.Select(v => (string?)v.Value)).ToArray(),
                    _ => [],
                };
                if (values.FirstOrDefault(Holds) is { } value) found.Add($"{key}: {Truncate(value)}");
            }
        }
        return found;
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
