using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Trust;

/// <summary>
/// Issue 22 finding 4: the simulator speaks as any number, so it must not change a real citizen's consent. A STOP or START
/// sent through it is written in the consent log marked <c>simulated</c>; it opts out or in only a phone the simulator alone
/// ever used (a tester's made-up number), never a contact a provider or an import brought.
/// </summary>
public sealed class SimulatedConsentSpecs
{
    private const string Phone = "+212666000201";

    private static HttpClient Programme(GatewayApplication app) => app.Admin();

    private static async Task<JsonElement> ContactAsync(GatewayApplication app, string phone = Phone)
    {
        using var response = await Programme(app).GetAsync($"/api/contacts/{Uri.EscapeDataString(phone)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"contact answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static (string Action, string Source, bool Simulated)[] Consent(JsonElement contact) =>
        [.. contact.GetProperty("consent").EnumerateArray().Select(e => (
            e.GetProperty("action").GetString()!, e.GetProperty("source").GetString()!,
            e.TryGetProperty("simulated", out var s) && s.GetBoolean()))];

    [Fact]
    public async Task A_STOP_sent_through_the_simulator_as_a_citizen_who_texted_through_a_provider_leaves_them_opted_in_and_is_logged_as_simulated()
    {
        await using var app = PollHost.Create();
        await new Voter(app.CreateClient(), Phone, real: true).SendAsync("Bonjour");

        var stop = await new SimulatorPhone(app.CreateClient(), Phone).SendAsync("STOP");
        var contact = await ContactAsync(app);

        Assert.False(contact.GetProperty("optedOut").GetBoolean(), contact.ToString());
        Assert.Equal([("opt-out", "keyword", true)], Consent(contact));
        Assert.Empty(await app.EventsAsync<ContactOptedOut>());
        // The citizen's phone still gets answers.
        Assert.NotEmpty(await new Voter(app.CreateClient(), Phone, real: true).SendAsync("MENU"));
        Assert.NotEmpty(stop.Replies);
    }

    [Fact]
    public async Task Trying_a_flow_through_the_simulator_as_a_citizens_number_leaves_their_messages_on_their_own_channel()
    {
        await using var app = PollHost.Create();
        await new Voter(app.CreateClient(), Phone, real: true).SendAsync("Bonjour");

        await new SimulatorPhone(app.CreateClient(), Phone, channel: "whatsapp").SendAsync("MENU");
        var contact = await ContactAsync(app);

        Assert.Equal("Sms", contact.GetProperty("lastChannel").GetString());
    }

    [Fact]
    public async Task A_STOP_sent_through_the_simulator_as_an_imported_subscriber_leaves_the_subscription_and_is_logged_as_simulated()
    {
        await using var app = PollHost.Create();
        using var imported = await Programme(app).PostAsJsonAsync("/api/communes/casablanca/subscribers:import",
            new { subscribers = new[] { new { phone = Phone, language = "fr" } } });
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        await new SimulatorPhone(app.CreateClient(), Phone).SendAsync("STOP");
        var contact = await ContactAsync(app);

        Assert.False(contact.GetProperty("optedOut").GetBoolean(), contact.ToString());
        Assert.Equal(["meetings"], contact.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([("opt-in", "import", false), ("opt-out", "keyword", true)], Consent(contact));
    }

    [Fact]
    public async Task A_START_sent_through_the_simulator_does_not_bring_back_a_citizen_who_sent_STOP_from_their_phone()
    {
        await using var app = PollHost.Create();
        var citizen = new Voter(app.CreateClient(), Phone, real: true);
        await citizen.SendAsync("STOP");

        await new SimulatorPhone(app.CreateClient(), Phone).SendAsync("START");
        var contact = await ContactAsync(app);

        Assert.True(contact.GetProperty("optedOut").GetBoolean(), contact.ToString());
        Assert.Equal([("opt-out", "keyword", false), ("opt-in", "keyword", true)], Consent(contact));
        Assert.Empty(await app.EventsAsync<ContactOptedIn>());
        Assert.Empty(await citizen.SendAsync("MENU"));
    }

    [Fact]
    public async Task A_simulated_phone_opts_itself_out_and_back_in_and_each_change_is_logged_and_published_as_simulated()
    {
        await using var app = PollHost.Create();
        var tester = new SimulatorPhone(app.CreateClient(), "+212666000202");
        await tester.SendAsync("Bonjour");

        await tester.SendAsync("STOP");
        Assert.True((await ContactAsync(app, tester.From)).GetProperty("optedOut").GetBoolean());
        Assert.Empty((await tester.SendAsync("MENU")).Replies);
        await tester.SendAsync("START");
        var contact = await ContactAsync(app, tester.From);

        Assert.False(contact.GetProperty("optedOut").GetBoolean());
        Assert.Equal([("opt-out", "keyword", true), ("opt-in", "keyword", true)], Consent(contact));
        Assert.True(Assert.Single(await app.EventsAsync<ContactOptedOut>()).Simulated);
        Assert.True(Assert.Single(await app.EventsAsync<ContactOptedIn>()).Simulated);
    }

    [Fact]
    public async Task Subscribing_through_the_simulator_as_a_citizen_who_texted_through_a_provider_subscribes_nobody()
    {
        await using var app = PollHost.Create();
        await new Voter(app.CreateClient(), Phone, real: true).SendAsync("Bonjour");

        await new SimulatorPhone(app.CreateClient(), Phone).SayAsync("ABONNER", "1");
        var contact = await ContactAsync(app);

        Assert.Empty(contact.GetProperty("topics").EnumerateArray());
        Assert.Equal([("opt-in", "flow", true)], Consent(contact));
        Assert.Empty(await app.EventsAsync<ContactOptedIn>());
    }

    [Fact]
    public void Simulated_entries_leave_the_bounded_consent_log_before_the_citizens_own()
    {
        var at = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var contact = new ContactState { ContactId = "c1", Phone = Phone };
        ConsentLog.Record(contact, at, ConsentLog.OptIn, "import", "import", "meetings");
        ConsentLog.Record(contact, at, ConsentLog.OptOut, "sms", "keyword", null);

        for (var i = 0; i < ConsentLog.MaxEntries * 2; i++) ConsentLog.Record(contact, at.AddMinutes(i), ConsentLog.OptIn, "sms", "keyword", null, simulated: true);

        Assert.Equal(ConsentLog.MaxEntries, contact.Consent.Count);
        Assert.Equal([("import", false), ("keyword", false)], contact.Consent.Take(2).Select(e => (e.Source, e.Simulated)));
        Assert.All(contact.Consent.Skip(2), e => Assert.True(e.Simulated));
        Assert.Equal(at.AddMinutes(ConsentLog.MaxEntries * 2 - 1), contact.Consent[^1].At);
    }
}
