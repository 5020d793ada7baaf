using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Channels;
using Gateway.Contacts;
using Gateway.Tests.Alerts;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Outbound;

namespace Gateway.Tests.Outbound;

/// <summary>
/// The one outbound router's rules, read through the alert preview (which routes every recipient as the fan-out will):
/// USSD contacts get SMS through the configured provider, WhatsApp after 24 h falls back to SMS without a template, and
/// outside Development and Testing nothing silently falls back to the simulator.
/// </summary>
public sealed class OutboundRoutingSpecs
{
    private const string Key = "test-programme-key-0001";

    private static GatewayApplication Host(string environment, params (string Key, string Value)[] settings)
    {
        // Production starts only with safe settings (Hosting/ProductionSafety): the key is configured by its hash there.
        var app = (environment == "Production"
                ? Trust.ProductionStartSpecs.SafeProduction().With("Admin:ApiKeys:0:Hash", Gateway.Admin.AdminKeys.HashText(Key))
                : new GatewayApplication { EnvironmentName = environment }.With("Admin:ApiKeys:0:Key", Key))
            .With("Admin:ApiKeys:0:Name", "programme")
            .WithServices(s => s.AddSingleton<IMessageSender>(new RecordingSender()));
        foreach (var (key, value) in settings) app.With(key, value);
        return app;
    }

    private static async Task<JsonElement> PreviewAsync(GatewayApplication app, SubscriberRow[] rows)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        (await http.PostAsJsonAsync("/api/communes/casablanca/subscribers:import", new { topic = "meetings", subscribers = rows }, AlertsHost.Json)).EnsureSuccessStatusCode();
        var response = await http.PostAsJsonAsync("/api/alerts/preview", new { commune = "casablanca", texts = new { fr = "Réunion du conseil jeudi." } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static long Recipients(JsonElement preview, string channel) =>
        preview.GetProperty("languages").EnumerateArray().Sum(l => l.GetProperty("recipients").TryGetProperty(channel, out var n) ? n.GetInt64() : 0);

    private static long Skipped(JsonElement preview, string reason) =>
        preview.GetProperty("skipped").TryGetProperty(reason, out var n) ? n.GetInt64() : 0;

    [Fact]
    public async Task Outside_development_a_USSD_contact_without_an_SMS_provider_is_unreachable_not_sent_to_the_simulator()
    {
        await using var app = Host("Production", ("Simulator:Open", "false"));
        var preview = await PreviewAsync(app, [
            new SubscriberRow(AlertsHost.Phone(1), "fr", "ussd", "africastalking", "*123*1#"),
            new SubscriberRow(AlertsHost.Phone(2), "fr", "sms", RecordingSender.Name),
        ]);

        Assert.Equal(1, Skipped(preview, "no_channel"));
        Assert.Equal(1, Recipients(preview, "sms"));
    }

    [Fact]
    public async Task A_USSD_contact_gets_SMS_through_the_communes_provider_before_the_default()
    {
        await using var app = Host("Production", ("Gateway:CommuneProviders:casablanca:Sms", RecordingSender.Name), ("Gateway:DefaultProviders:Sms", "kannel"));
        var preview = await PreviewAsync(app, [new SubscriberRow(AlertsHost.Phone(3), "ar", "ussd", "africastalking", "*123*1#")]);

        Assert.Equal(0, Skipped(preview, "no_channel"));
        Assert.Equal(1, Recipients(preview, "sms"));
        Assert.Equal(0, Recipients(preview, "ussd"));
    }

    [Fact]
    public async Task WhatsApp_after_the_window_without_a_template_falls_back_to_SMS_and_with_one_stays_on_WhatsApp()
    {
        var monthAgo = DateTimeOffset.UtcNow.AddDays(-30);
        SubscriberRow[] rows = [new SubscriberRow(AlertsHost.Phone(4), "fr", "whatsapp", "twilio", "+212522000000", LastInboundAt: monthAgo)];
        (string, string)[] twilio = [("Twilio:AccountSid", "ACtest0001"), ("Twilio:AuthToken", "test-auth-token-0123456789"), ("Gateway:DefaultProviders:Sms", RecordingSender.Name)];

        await using (var withoutTemplate = Host("Testing", twilio))
        {
            var preview = await PreviewAsync(withoutTemplate, rows);
            Assert.Equal((1, 0), (Recipients(preview, "sms"), Recipients(preview, "whatsapp")));
        }
        await using var withTemplate = Host("Testing", [.. twilio, ("Twilio:WhatsAppTemplateContentSid", "HX0123456789abcdef0123456789abcdef")]);
        var templated = await PreviewAsync(withTemplate, rows);
        Assert.Equal((0, 1), (Recipients(templated, "sms"), Recipients(templated, "whatsapp")));
    }
}
