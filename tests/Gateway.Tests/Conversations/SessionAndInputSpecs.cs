using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>Sessions expire cleanly, and no input — empty, huge, junk — gets anything worse than a helpful reply or a clear 4xx.</summary>
public sealed class SessionAndInputSpecs
{
    [Fact]
    public async Task An_idle_session_expires_after_the_flow_timeout_and_restarts_cleanly_with_a_notice()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212664000001");
        await phone.SayAsync("AVIS", "4");

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Contains("Décrivez le problème", (await phone.SendAsync("2")).Text); // still alive, and the timer restarts

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var restarted = await phone.SendAsync("Coupure d'eau");

        Assert.Contains("conversation précédente a expiré", restarted.Text);
        Assert.Contains("Que voulez-vous faire", restarted.Text);
        Assert.Empty(await app.EventsAsync<Gateway.Contracts.FeedbackReceived>());
    }

    [Fact]
    public async Task A_keyword_after_expiry_simply_starts_its_flow()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212664000002");
        await phone.SayAsync("AVIS", "4");
        app.Clock.Advance(TimeSpan.FromDays(2));

        var reply = await phone.SendAsync("ABONNER");

        Assert.Contains("Recevoir par message les dates des réunions du conseil d'Agadir", reply.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0001\u0002\u001b[31m")]
    [InlineData("\ud800 broken surrogate")]
    [InlineData("💩💩💩")]
    [InlineData("SELECT * FROM contacts; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("xyzzy")]
    public async Task Junk_or_unknown_input_gets_a_helpful_reply(string text)
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212664000003");
        await phone.SendAsync("Bonjour");

        var reply = await phone.SendAsync(text);

        Assert.Matches("Je n'ai pas compris|Réponse non reconnue", reply.Text);
        Assert.Contains("1. Signaler un problème", reply.Text);
    }

    [Fact]
    public async Task A_5000_character_message_is_answered_politely()
    {
        await using var app = new GatewayApplication();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212664000004");

        var reply = await phone.SendAsync(string.Concat(Enumerable.Repeat("La route est cassée. ", 250)));

        Assert.Contains("Bienvenue", reply.Text);
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadRequests => new()
    {
        { "not JSON", "this is not json", HttpStatusCode.BadRequest, "" },
        { "binary", "\u0000\u00ff\u00fe", HttpStatusCode.BadRequest, "" },
        { "no sender", """{"channel":"sms","text":"AVIS"}""", HttpStatusCode.BadRequest, "from" },
        { "bad sender", """{"from":"hello","channel":"sms","text":"AVIS"}""", HttpStatusCode.BadRequest, "from" },
        { "bad channel", """{"from":"+212612345678","channel":"fax","text":"AVIS"}""", HttpStatusCode.BadRequest, "channel" },
        { "text too long", $$"""{"from":"+212612345678","channel":"sms","text":"{{new string('a', 10_001)}}"}""", HttpStatusCode.BadRequest, "text" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_malformed_simulator_request_is_a_clear_problem_detail_never_a_500(string label, string body, HttpStatusCode status, string field)
    {
        await using var app = new GatewayApplication();
        var response = await app.CreateClient().PostAsync("/api/simulator/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(status == response.StatusCode, $"{label}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0) Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_flow_graph_is_a_404_problem()
    {
        const string key = "flows-observer-key-0123456789";
        await using var app = new GatewayApplication().With("Admin:ApiKeys:0:Key", key).With("Admin:ApiKeys:0:Role", "observer");
        var response = await app.CreateClient(key).GetAsync("/api/flows/nope/graph");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No flow has id 'nope'", await response.Content.ReadAsStringAsync());
    }
}
