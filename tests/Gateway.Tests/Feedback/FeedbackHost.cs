using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Feedback;

/// <summary>A gateway with admin keys (the programme, Casablanca, Settat) and helpers to file and read reports over HTTP.</summary>
internal static partial class FeedbackHost
{
    public const string ProgrammeKey = "programme-key-0123456789";
    public const string CasablancaKey = "casablanca-key-0123456789";
    public const string SettatKey = "settat-key-0123456789ab";

    [GeneratedRegex(@"R-[2-9A-HJKMNP-TV-Z]{5}")]
    public static partial Regex ReferencePattern();

    /// <summary>Twilio's auth token and the public URL it signs (<see cref="FileRealAsync"/> files as a citizen's phone does).</summary>
    public const string TwilioToken = "twilio-desk-token-0123456789";
    public const string PublicBase = "https://gw.example.ma";

    public static GatewayApplication Create() => new GatewayApplication()
        .With("Twilio:AuthToken", TwilioToken).With("Gateway:PublicBaseUrl", PublicBase)
        .With("Admin:ApiKeys:0:Key", ProgrammeKey).With("Admin:ApiKeys:0:Name", "programme")
        .With("Admin:ApiKeys:1:Key", CasablancaKey).With("Admin:ApiKeys:1:Name", "agent casa").With("Admin:ApiKeys:1:Commune", "casablanca")
        .With("Admin:ApiKeys:2:Key", SettatKey).With("Admin:ApiKeys:2:Name", "settat").With("Admin:ApiKeys:2:Commune", "settat");

    public static HttpClient Staff(this GatewayApplication app, string key = CasablancaKey)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    /// <summary>Sends the messages as a citizen and returns the reference the last reply gave.</summary>
    public static async Task<string> FileAsync(this GatewayApplication app, string phone, string channel, params string[] messages)
    {
        var citizen = new SimulatorPhone(app.CreateClient(), phone, channel);
        var reply = await citizen.SayAsync(messages);
        var match = ReferencePattern().Match(reply.Text);
        Assert.True(match.Success, $"no reference in the last reply: {reply.Text}");
        return match.Value;
    }

    /// <summary>
    /// A French report to Casablanca by SMS from a citizen's phone, through Twilio's signed webhook: a real report, counted
    /// in the desk's figures (those filed through the simulator are counted apart).
    /// </summary>
    public static async Task<string> FileRealAsync(this GatewayApplication app, string phone, string details = "Pas d'eau au robinet depuis 3 jours", string place = "Hay Dakhla")
    {
        var http = app.CreateClient();
        var reply = "";
        foreach (var text in new[] { "AVIS", "Casablanca", "Eau", details, place })
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("AccountSid", "AC" + new string('1', 32)),
                new("From", phone), new("To", "+212600000999"), new("Body", text), new("NumMedia", "0"),
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Twilio-Signature", Gateway.Channels.Twilio.TwilioSignature.Compute(TwilioToken, PublicBase + "/webhooks/twilio", form));
            using var response = await http.SendAsync(request);
            reply = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"Twilio webhook answered {(int)response.StatusCode}: {reply}");
        }
        var match = ReferencePattern().Match(reply);
        Assert.True(match.Success, $"no reference in the last reply: {reply}");
        return match.Value;
    }

    /// <summary>A French report to Casablanca by SMS, through the simulator.</summary>
    public static Task<string> FileFrenchAsync(this GatewayApplication app, string phone, string details = "Pas d'eau au robinet depuis 3 jours", string place = "Hay Dakhla") =>
        app.FileAsync(phone, "sms", "AVIS", "Casablanca", "Eau", details, place);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> SendJsonAsync(this HttpClient http, HttpMethod method, string url, object body)
    {
        var response = await http.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static JsonElement[] Items(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];
}
