using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Tests.Channels.Ussd;

/// <summary>
/// One hop of a table case. <paramref name="Send"/> is what the provider sends as the input field (Africa's Talking:
/// the whole <c>text</c>; Arkesel: <c>userData</c>). Expectations left null are not checked.
/// </summary>
/// <param name="EngineText">The text the engine must receive on this hop; <see cref="NoEngineCall"/> when it must not be called.</param>
/// <param name="Retry">The provider repeats the previous request (only 0.5 s passes instead of 5 s).</param>
public sealed record UssdStep(
    string Send,
    bool? Continue = true,
    string? Shows = null,
    string? Contains = null,
    string? EngineText = null,
    string? ProviderMessageId = null,
    string? Session = null,
    bool NewSession = false,
    bool Retry = false)
{
    public const string NoEngineCall = "\u0000none";
}

public sealed record UssdCase(string Label, params UssdStep[] Steps)
{
    /// <summary>The case deliberately sends one hop id twice (a reused session id), so the engine may see it twice.</summary>
    public bool RepeatsHopId { get; init; }

    public override string ToString() => Label;
}

/// <summary>How one provider puts a hop on the wire and reads the screen back.</summary>
public interface IUssdWire
{
    string Provider { get; }

    /// <summary>The dialled code the engine must receive as <c>To</c> on every hop.</summary>
    string ServiceCode { get; }

    HttpRequestMessage Request(string sessionId, string phone, UssdStep step);
    Task<(bool Continue, string Text)> ReadAsync(HttpResponseMessage response);
}

/// <summary>The shared runner: a fresh gateway with a scripted engine per case, every step sent and checked, every screen measured.</summary>
public static class UssdTestRunner
{
    public const string Phone = "+212612345678";

    public static GatewayApplication CreateApp(ScriptedEngine engine) =>
        new GatewayApplication().WithServices(s =>
        {
            s.RemoveAll<IConversationEngine>();
            s.AddSingleton<IConversationEngine>(engine);
        });

    public static async Task RunAsync(IUssdWire wire, UssdCase testCase)
    {
        var engine = new ScriptedEngine(ScriptedEngine.CommuneMenu);
        await using var app = CreateApp(engine);
        using var client = app.CreateClient();

        for (var i = 0; i < testCase.Steps.Length; i++)
        {
            var step = testCase.Steps[i];
            var where = $"{testCase.Label}, step {i + 1} ({step.Send})";
            app.Clock.Advance(step.Retry ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(5));
            var callsBefore = engine.Calls.Count;

            using var response = await client.SendAsync(wire.Request(step.Session ?? "sess-1", Phone, step));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{where}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var (cont, text) = await wire.ReadAsync(response);

            AssertFits(text, where);
            if (step.Continue is { } c) Assert.True(c == cont, $"{where}: expected {(c ? "CON" : "END")}, got {(cont ? "CON" : "END")} {text}");
            if (step.Shows is { } shows) Assert.Equal(shows, text);
            if (step.Contains is { } part) Assert.True(text.Contains(part, StringComparison.Ordinal), $"{where}: '{part}' not in screen:\n{text}");

            var newCalls = engine.Calls.Skip(callsBefore).ToList();
            if (step.EngineText == UssdStep.NoEngineCall)
                Assert.True(newCalls.Count == 0, $"{where}: the engine was called with '{newCalls.FirstOrDefault()?.Text}'");
            else if (step.EngineText is { } expected)
            {
                var call = Assert.Single(newCalls);
                Assert.Equal(expected, call.Text);
                Assert.Equal(ChannelKind.Ussd, call.Channel);
                Assert.Equal(wire.Provider, call.Provider);
                Assert.Equal(Phone, call.From);
                Assert.Equal(wire.ServiceCode, call.To);
                Assert.Equal(step.Session ?? "sess-1", call.SessionKey);
                if (step.ProviderMessageId is { } id) Assert.Equal(id, call.ProviderMessageId);
            }
        }

        // Whatever the case did, no hop was ever handled twice by the engine.
        if (!testCase.RepeatsHopId)
            foreach (var group in engine.Calls.GroupBy(c => c.ProviderMessageId))
                Assert.True(group.Count() == 1, $"{testCase.Label}: engine called {group.Count()} times for {group.Key}");
    }

    /// <summary>One USSD string: 182 GSM-7 characters, or 80 when a character needs UCS-2 (here: anything past Latin-1).</summary>
    public static void AssertFits(string screen, string where)
    {
        for (var i = 0; i < screen.Length; i++)
        {
            var broken = char.IsHighSurrogate(screen[i]) ? i + 1 >= screen.Length || !char.IsLowSurrogate(screen[++i]) : char.IsLowSurrogate(screen[i]);
            Assert.False(broken, $"{where}: a character was cut in half at {i}:\n{screen}");
        }
        var ucs2 = screen.Any(ch => ch > '\u00FF');
        var limit = ucs2 ? 80 : 182;
        Assert.True(screen.Length <= limit, $"{where}: {screen.Length} characters > {limit} ({(ucs2 ? "UCS-2" : "GSM-7")}):\n{screen}");
    }
}

public sealed class AfricasTalkingWire : IUssdWire
{
    public string Provider => "africastalking";
    public string ServiceCode => "*123*4#";

    public HttpRequestMessage Request(string sessionId, string phone, UssdStep step) =>
        new(HttpMethod.Post, "/webhooks/africastalking/ussd")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sessionId"] = sessionId, ["serviceCode"] = ServiceCode, ["phoneNumber"] = phone,
                ["networkCode"] = "60400", ["text"] = step.Send,
            }),
        };

    public async Task<(bool Continue, string Text)> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.StartsWith("CON ") || body.StartsWith("END "), $"not CON/END: {body}");
        return (body.StartsWith("CON "), body[4..]);
    }
}

public sealed class ArkeselWire : IUssdWire
{
    public string Provider => "arkesel";
    public string ServiceCode => "*928*1#";

    public HttpRequestMessage Request(string sessionId, string phone, UssdStep step) =>
        new(HttpMethod.Post, "/webhooks/ussd/arkesel")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["sessionID"] = sessionId, ["userID"] = "COMMUNE_APP", ["msisdn"] = phone.TrimStart('+'),
                ["userData"] = step.Send, ["newSession"] = step.NewSession, ["network"] = "IAM",
            }),
        };

    public async Task<(bool Continue, string Text)> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("COMMUNE_APP", root.GetProperty("userID").GetString());
        Assert.Equal(UssdTestRunner.Phone.TrimStart('+'), root.GetProperty("msisdn").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("sessionID").GetString()));
        return (root.GetProperty("continueSession").GetBoolean(), root.GetProperty("message").GetString()!);
    }
}
