using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>Law 09-08: a commune can prove each opt-in and opt-out (time, channel, source), and erasure removes the proof with the contact.</summary>
public sealed class ConsentLogSpecs
{
    private const string Programme = "programme-key-0123456789abcdef";

    private static GatewayApplication App() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Key", Programme).With("Admin:ApiKeys:0:Name", "programme");

    private static HttpClient Admin(GatewayApplication app)
    {
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", Programme);
        return admin;
    }

    private static (string Action, string Channel, string Source, string? Topic)[] Entries(JsonElement contact) =>
        contact.GetProperty("consent").EnumerateArray()
            .Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("channel").GetString()!, e.GetProperty("source").GetString()!,
                e.GetProperty("topic").GetString()))
            .ToArray();

    [Fact]
    public async Task Stop_by_sms_then_start_by_whatsapp_is_logged_with_each_channel_in_order_and_erasure_removes_it()
    {
        await using var app = App();
        await new SimulatorPhone(app.CreateClient(), from: "+212666000101", channel: "sms").SendAsync("STOP");
        await new SimulatorPhone(app.CreateClient(), from: "+212666000101", channel: "whatsapp").SendAsync("START");
        var admin = Admin(app);

        var contact = await admin.GetFromJsonAsync<JsonElement>("/api/contacts/0666000101");

        Assert.Equal([("opt-out", "sms", "keyword", null), ("opt-in", "whatsapp", "keyword", null)], Entries(contact));
        var times = contact.GetProperty("consent").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToArray();
        Assert.True(times[0] <= times[1], $"entries out of order: {times[0]:O} then {times[1]:O}");
        Assert.False(contact.GetProperty("optedOut").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/contacts/0666000101")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/contacts/0666000101")).StatusCode);
        // A new conversation starts afresh: no entry of the erased contact comes back.
        await new SimulatorPhone(app.CreateClient(), from: "+212666000101").SendAsync("Bonjour");
        Assert.Empty(Entries(await admin.GetFromJsonAsync<JsonElement>("/api/contacts/0666000101")));
    }

    [Fact]
    public async Task An_import_records_an_opt_in_with_source_import_and_a_subscription_by_sms_records_its_topic()
    {
        await using var app = App();
        var admin = Admin(app);
        using var imported = await admin.PostAsJsonAsync("/api/communes/tanger/subscribers:import",
            new { subscribers = new[] { new { phone = "+212666000102", language = "fr" } } });
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        await new SimulatorPhone(app.CreateClient(), from: "+212666000103").SayAsync("ABONNER", "Tanger", "1");

        Assert.Equal([("opt-in", "import", "import", "meetings")],
            Entries(await admin.GetFromJsonAsync<JsonElement>("/api/contacts/0666000102")));
        Assert.Equal([("opt-in", "sms", "flow", "meetings")],
            Entries(await admin.GetFromJsonAsync<JsonElement>("/api/contacts/0666000103")));
    }
}
