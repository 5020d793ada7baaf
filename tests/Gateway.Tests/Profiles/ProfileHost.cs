using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Polls;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Profiles;

/// <summary>What the profile specs read: a contact's data export, counters, and a citizen's USSD session on the wire.</summary>
internal static class ProfileHost
{
    public static Task<IReadOnlyDictionary<string, long>> CounterAsync(this GatewayApplication app, string counter) =>
        app.Services.GetRequiredService<ICounterStore>().ReadAsync(counter, CancellationToken.None);

    public static Task<IReadOnlyDictionary<string, long>> ParticipationAsync(this GatewayApplication app, string commune = "casablanca") =>
        app.CounterAsync(ProfileCounters.Participation(commune, ProfileCounters.MonthOf(app.Clock.GetUtcNow())));

    /// <summary>The contact's data export (<c>GET /api/contacts/{phone}</c>), as the programme reads it.</summary>
    public static async Task<JsonElement> ExportAsync(this GatewayApplication app, string phone) =>
        await app.Admin().GetFromJsonAsync<JsonElement>("/api/contacts/" + Uri.EscapeDataString(phone));

    public static JsonElement? Profile(this JsonElement export) =>
        export.GetProperty("profile") is { ValueKind: JsonValueKind.Object } profile ? profile : null;

    public static long Field(this IReadOnlyDictionary<string, long> counter, string field) => counter.GetValueOrDefault(field);
}

/// <summary>A citizen's USSD session through Africa's Talking's webhook (a real provider, not the simulator), following "99" pages.</summary>
internal sealed class UssdCitizen(GatewayApplication app, string phone, string code = "*123*1#")
{
    private readonly HttpClient _http = app.CreateClient();
    private string _sessionId = "ATUid_" + Guid.NewGuid().ToString("N");
    private readonly List<string> _inputs = [];

    public bool Ended { get; private set; }

    /// <summary>Hangs up: the next hop opens a new operator session.</summary>
    public void NewSession()
    {
        _sessionId = "ATUid_" + Guid.NewGuid().ToString("N");
        _inputs.Clear();
        Ended = false;
    }

    /// <summary>Sends one input and returns the whole answer, all its pages.</summary>
    public async Task<string> HopAsync(string input)
    {
        var text = await OneAsync(input);
        var all = text;
        for (var page = 0; page < 8 && !Ended && text.Contains("\n99 ", StringComparison.Ordinal); page++)
        {
            text = await OneAsync("99");
            all += "\n" + text;
        }
        return all;
    }

    private async Task<string> OneAsync(string input)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(3));
        if (!(_inputs.Count == 0 && input.Length == 0)) _inputs.Add(input);
        var response = await _http.PostAsync("/webhooks/africastalking/ussd", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sessionId"] = _sessionId, ["serviceCode"] = code, ["phoneNumber"] = phone, ["networkCode"] = "60401", ["text"] = string.Join('*', _inputs),
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Ended = text.StartsWith("END", StringComparison.Ordinal);
        return text[4..];
    }
}
