using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>/metrics tells operators how webhooks and conversations behave.</summary>
public sealed class MetricsSpecs
{
    [Fact]
    public async Task Webhook_latency_is_recorded_per_channel_and_provider_and_steps_are_counted()
    {
        await using var app = new GatewayApplication();
        var before = await CountAsync(app, "ussd");
        var ussd = new SimulatorPhone(app.CreateClient(), from: "+212667000001", channel: "ussd");

        await ussd.SendAsync("");
        await ussd.SendAsync("1");

        // The registry is process-wide (other tests run in parallel): at least our two hops were timed.
        Assert.True(await CountAsync(app, "ussd") >= before + 2);
        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        Assert.Matches(@"gateway_conversation_steps_total [1-9]", metrics);
    }

    private static async Task<double> CountAsync(GatewayApplication app, string channel)
    {
        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        var match = Regex.Match(metrics, $"gateway_webhook_duration_seconds_count\\{{channel=\"{channel}\",provider=\"simulator\"\\}} ([0-9.e+]+)");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
