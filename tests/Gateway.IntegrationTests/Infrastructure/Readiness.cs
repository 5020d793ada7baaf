using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary><c>GET /health/ready</c> as an orchestrator sees it: the status code and the <c>{status, checks}</c> body.</summary>
public sealed partial record Readiness(HttpStatusCode Code, JsonElement Body)
{
    public static async Task<Readiness> GetAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new Readiness(response.StatusCode, body);
    }

    public JsonElement Check(string name) => Body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public string CheckStatus(string name) => Check(name).GetProperty("status").GetString()!;

    public string? CheckDescription(string name) => Check(name).GetProperty("description").GetString();

    /// <summary>The outbox backlog the <c>outbox</c> check reports ("N events wait for the bus"), or null when unknown.</summary>
    public long? OutboxBacklog => CheckDescription("outbox") is { } d && Leading().Match(d) is { Success: true } m ? long.Parse(m.Value) : null;

    /// <summary>Waits until the gateway's outbox is empty (every committed event confirmed by the broker).</summary>
    public static Task<Readiness> OutboxDrainedAsync(HttpClient http, int seconds = 240) =>
        Wait.ForAsync(() => GetAsync(http), r => r.OutboxBacklog == 0, "the outbox to drain", seconds);

    /// <summary>Waits until MassTransit reports the bus (and its receive endpoints) healthy.</summary>
    public static Task<Readiness> BusHealthyAsync(HttpClient http, int seconds = 120) =>
        Wait.ForAsync(() => GetAsync(http), r => r.CheckStatus("bus") == "Healthy", "the bus to be connected", seconds);

    public override string ToString() => $"{(int)Code} {Body}";

    [GeneratedRegex(@"^\d+")]
    private static partial Regex Leading();
}
