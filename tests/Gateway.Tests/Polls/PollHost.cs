using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Polls;

/// <summary>A gateway with admin keys (the programme, Casablanca, Settat) and helpers to drive polls through HTTP.</summary>
internal static class PollHost
{
    public const string ProgrammeKey = "programme-key-0123456789";
    public const string CasablancaKey = "casablanca-key-0123456789";
    public const string SettatKey = "settat-key-0123456789ab";

    /// <summary>Casablanca's SMS number: a vote sent there counts for Casablanca's polls.</summary>
    public const string CasablancaNumber = "+212522000001";

    public static GatewayApplication Create() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Key", ProgrammeKey).With("Admin:ApiKeys:0:Name", "programme")
        .With("Admin:ApiKeys:1:Key", CasablancaKey).With("Admin:ApiKeys:1:Name", "casa").With("Admin:ApiKeys:1:Commune", "casablanca")
        .With("Admin:ApiKeys:2:Key", SettatKey).With("Admin:ApiKeys:2:Name", "settat").With("Admin:ApiKeys:2:Commune", "settat");

    public static HttpClient Admin(this GatewayApplication app, string? key = ProgrammeKey)
    {
        var http = app.CreateClient();
        if (key is not null) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    public static readonly Dictionary<string, string>[] Options =
    [
        new() { ["fr"] = "Terrain de sport", ["ar"] = "ملعب رياضي", ["zgh"] = "ⴰⵙⵓⵔⵙ ⵏ ⵜⵓⵏⵏⵓⵏⵏⵉ", ["zgh-Latn"] = "Asurs n tunnunni" },
        new() { ["fr"] = "Bibliothèque", ["ar"] = "مكتبة", ["zgh"] = "ⵜⴰⵙⴷⵍⵉⵙⵜ", ["zgh-Latn"] = "Tasdlist" },
        new() { ["fr"] = "Parc, jardin \"vert\"", ["ar"] = "حديقة خضراء", ["zgh"] = "ⵓⵔⵜⵓ", ["zgh-Latn"] = "Urtu" },
    ];

    public static readonly Dictionary<string, string> Question = new()
    {
        ["fr"] = "Quel projet en premier ?",
        ["ar"] = "أي مشروع أولا؟",
        ["zgh"] = "ⵎⴰⵜⵜⴰ ⴰⵙⵏⴼⴰⵔ ⴰⵎⵣⵡⴰⵔⵓ?",
        ["zgh-Latn"] = "Matta asnfar amzwaru?",
    };

    public static object Body(GatewayApplication app, string keyword = "PROJET", string commune = "casablanca", bool allowChange = false,
        bool publishResults = true, TimeSpan? opensIn = null, TimeSpan? closesIn = null) => new
    {
        commune,
        keyword,
        question = Question,
        options = Options,
        opensAt = app.Clock.GetUtcNow() + (opensIn ?? TimeSpan.Zero),
        closesAt = app.Clock.GetUtcNow() + (closesIn ?? TimeSpan.FromDays(7)),
        allowChange,
        publishResults,
    };

    public static async Task<string> CreatePollAsync(this GatewayApplication app, string keyword = "PROJET", bool allowChange = false,
        bool publishResults = true, TimeSpan? opensIn = null, TimeSpan? closesIn = null, string commune = "casablanca")
    {
        var response = await app.Admin().PostAsJsonAsync("/api/polls", Body(app, keyword, commune, allowChange, publishResults, opensIn, closesIn));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> ResultsAsync(this GatewayApplication app, string pollId)
    {
        var response = await app.Admin().GetAsync($"/api/polls/{pollId}/results");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static long[] Tallies(JsonElement results) =>
        results.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt64()).ToArray();

    /// <summary>Moves the clock on (the scheduler ticks on it) until the poll's PollClosed is on the bus.</summary>
    public static async Task<PollClosed> WaitForPollClosedAsync(this GatewayApplication app, string pollId)
    {
        var events = await Bus.Wait.ForAsync(async () =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(3));
            return await app.EventsAsync<PollClosed>();
        }, e => e.Any(c => c.PollId == pollId), "PollClosed");
        return Assert.Single(events, e => e.PollId == pollId);
    }
}

/// <summary>One phone texting the commune's number through the simulator.</summary>
internal sealed class Voter(HttpClient http, string from, string channel = "sms", string to = PollHost.CasablancaNumber)
{
    public string From { get; } = from;
    public string Channel { get; } = channel;

    public async Task<string> SendAsync(string text)
    {
        var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from = From, channel = Channel, text, to });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"simulator answered {(int)response.StatusCode}: {body}");
        var replies = JsonDocument.Parse(body).RootElement.GetProperty("replies").EnumerateArray()
            .Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetProperty("body").GetString());
        return string.Join("\n---\n", replies);
    }

    public async Task<JsonElement> SendRawAsync(string text)
    {
        var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from = From, channel = Channel, text, to });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
