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

    /// <summary>Twilio's auth token and the public URL it signs (a <see cref="Voter"/> with <c>real: true</c> texts as Twilio posts).</summary>
    public const string TwilioToken = "twilio-poll-token-0123456789";
    public const string PublicBase = "https://gw.example.ma";

    public static GatewayApplication Create() => new GatewayApplication()
        .With("Twilio:AuthToken", TwilioToken).With("Gateway:PublicBaseUrl", PublicBase)
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
        bool publishResults = true, TimeSpan? opensIn = null, TimeSpan? closesIn = null, string commune = "casablanca") =>
        await app.CreatePollFromAsync(Body(app, keyword, commune, allowChange, publishResults, opensIn, closesIn));

    /// <summary>Creates the poll <paramref name="body"/> describes (the body of <c>POST /api/polls</c>) and returns its id.</summary>
    public static async Task<string> CreatePollFromAsync(this GatewayApplication app, object body)
    {
        var response = await app.Admin().PostAsJsonAsync("/api/polls", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> ResultsAsync(this GatewayApplication app, string pollId)
    {
        var response = await app.Admin().GetAsync($"/api/polls/{pollId}/results");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static long[] Tallies(JsonElement results) =>
        results.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt64()).ToArray();

    /// <summary>Votes sent through the simulator, per option: counted apart from the real <see cref="Tallies"/>.</summary>
    public static long[] SimulatedTallies(JsonElement results) =>
        results.GetProperty("simulated").GetProperty("tallies").EnumerateArray().Select(t => t.GetInt64()).ToArray();

    /// <summary>Moves the clock on (the scheduler ticks on it) until the poll's PollClosed is on the bus.</summary>
    public static async Task<PollClosed> WaitForPollClosedAsync(this GatewayApplication app, string pollId)
    {
        var events = await Wait.ForAsync(async () =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(3));
            return await app.EventsAsync<PollClosed>();
        }, e => e.Any(c => c.PollId == pollId), "PollClosed");
        return Assert.Single(events, e => e.PollId == pollId);
    }
}

/// <summary>
/// One phone texting the commune's number: through the simulator (staff trying a poll: counted apart as simulated), or
/// with <paramref name="real"/> as a citizen's phone does, through Twilio's signed webhook (SMS and WhatsApp only).
/// </summary>
internal sealed class Voter(HttpClient http, string from, string channel = "sms", string to = PollHost.CasablancaNumber, bool real = false)
{
    public string From { get; } = from;
    public string Channel { get; } = channel;

    public async Task<string> SendAsync(string text)
    {
        if (real) return await TwilioAsync(text);
        var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from = From, channel = Channel, text, to });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"simulator answered {(int)response.StatusCode}: {body}");
        var replies = JsonDocument.Parse(body).RootElement.GetProperty("replies").EnumerateArray()
            .Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetProperty("body").GetString());
        return string.Join("\n---\n", replies);
    }

    /// <summary>Posts the message as Twilio does (form, X-Twilio-Signature) and returns the replies of the TwiML answer.</summary>
    private async Task<string> TwilioAsync(string text)
    {
        Assert.True(Channel is "sms" or "whatsapp", $"Twilio carries SMS and WhatsApp, not {Channel}");
        var prefix = Channel == "whatsapp" ? "whatsapp:" : "";
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("AccountSid", "AC" + new string('1', 32)),
            new("From", prefix + From), new("To", prefix + to), new("Body", text), new("NumMedia", "0"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature",
            Gateway.Channels.Twilio.TwilioSignature.Compute(PollHost.TwilioToken, PollHost.PublicBase + "/webhooks/twilio", form));
        using var response = await http.SendAsync(request);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Twilio webhook answered {(int)response.StatusCode}: {xml}");
        return string.Join("\n---\n", System.Xml.Linq.XDocument.Parse(xml).Descendants("Message").Select(m => m.Value));
    }

    public async Task<JsonElement> SendRawAsync(string text)
    {
        var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from = From, channel = Channel, text, to });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
