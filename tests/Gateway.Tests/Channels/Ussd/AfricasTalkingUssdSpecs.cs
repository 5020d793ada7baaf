using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Channels.Ussd;
using Microsoft.Extensions.DependencyInjection;
using static Gateway.Tests.Channels.Ussd.UssdStep;

namespace Gateway.Tests.Channels.Ussd;

/// <summary>Africa's Talking: <c>text</c> carries every input so far, joined by '*'.</summary>
public sealed class AfricasTalkingUssdSpecs
{
    private const string Root = "Bienvenue à la commune d'Ait Ourir\n1. Donner un avis\n2. Services\n3. Khadamat\n4. Au revoir\n5. Règlement";

    public static TheoryData<UssdCase> Cases => new()
    {
        new UssdCase("first hop shows the commune's root menu",
            new UssdStep("", Shows: Root, EngineText: "", ProviderMessageId: "sess-1:0")),
        new UssdCase("a continuing hop sends only the newest input",
            new UssdStep(""),
            new UssdStep("1", Shows: "Écrivez votre avis en quelques mots", EngineText: "1", ProviderMessageId: "sess-1:1")),
        new UssdCase("a closed conversation ends the session",
            new UssdStep(""),
            new UssdStep("4", Continue: false, Shows: "Merci, au revoir", EngineText: "4")),
        new UssdCase("a retried hop gets the same screen and does not advance",
            new UssdStep(""),
            new UssdStep("1", Shows: "Écrivez votre avis en quelques mots", EngineText: "1"),
            new UssdStep("1", Shows: "Écrivez votre avis en quelques mots", EngineText: NoEngineCall, Retry: true),
            new UssdStep("1*route cassée", Continue: null, EngineText: "route cassée", ProviderMessageId: "sess-1:2")),
        new UssdCase("a retried first hop gets the root menu again without a second engine call",
            new UssdStep("", Shows: Root),
            new UssdStep("", Shows: Root, EngineText: NoEngineCall, Retry: true)),
        new UssdCase("a long French menu pages forward with 99 and back with 0, without the engine",
            new UssdStep(""),
            new UssdStep("2", Contains: "3. Collecte des déchets\n99 Suite", EngineText: "2"),
            new UssdStep("2*99", Contains: "10. Autre sujet\n0 Retour", EngineText: NoEngineCall),
            new UssdStep("2*99*0", Contains: "1. Voirie et routes communales", EngineText: NoEngineCall),
            new UssdStep("2*99*0*7", Continue: null, EngineText: "7", ProviderMessageId: "sess-1:4")),
        new UssdCase("a long Arabic menu pages within 80 characters with Arabic paging labels",
            new UssdStep(""),
            new UssdStep("3", Contains: "2. الإنارة العمومية\n99 التالي", EngineText: "3"),
            new UssdStep("3*99", Contains: "99 التالي\n0 رجوع", EngineText: NoEngineCall),
            new UssdStep("3*99*99", Contains: "8. النقل المدرسي\n0 رجوع", EngineText: NoEngineCall),
            new UssdStep("3*99*99*0", Contains: "3. جمع النفايات", EngineText: NoEngineCall),
            new UssdStep("3*99*99*0*0", Contains: "1. الطرق والأزقة", EngineText: NoEngineCall)),
        new UssdCase("a long closing text pages as CON and ends on its last page",
            new UssdStep(""),
            new UssdStep("5", Continue: true, Contains: "99 Suite", EngineText: "5"),
            new UssdStep("5*99", Continue: false, Contains: "s'applique à tous.", EngineText: NoEngineCall)),
        new UssdCase("text without line breaks or spaces is cut between characters, never inside one",
            new UssdStep(""),
            new UssdStep("6", Contains: "👍🏽\n99 Suite", EngineText: "6"),
            new UssdStep("6*99", Contains: "👍🏽\n0 Retour", EngineText: NoEngineCall)),
        new UssdCase("a Tifinagh menu pages with Tifinagh labels",
            new UssdStep(""),
            new UssdStep("7", Contains: "99 ⴹⴼⵕ", EngineText: "7"),
            new UssdStep("7*99", Contains: "0 ⴰⵖⵓⵍ", EngineText: NoEngineCall)),
        new UssdCase("99 with no next page goes to the engine as an answer",
            new UssdStep(""),
            new UssdStep("99", Shows: "Choix invalide\n1. Donner un avis\n2. Services", EngineText: "99")),
        new UssdCase("junk input reaches the engine, which re-prompts",
            new UssdStep(""),
            new UssdStep("abc#", Shows: "Choix invalide\n1. Donner un avis\n2. Services", EngineText: "abc#")),
        new UssdCase("a new session id restarts from the root menu",
            new UssdStep(""),
            new UssdStep("1"),
            new UssdStep("", Session: "sess-2", Shows: Root, EngineText: "", ProviderMessageId: "sess-2:0")),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Session(UssdCase testCase) => UssdTestRunner.RunAsync(new AfricasTalkingWire(), testCase);

    public static TheoryData<string, Dictionary<string, string>, string> BadRequests => new()
    {
        { "no sessionId", new() { ["serviceCode"] = "*123#", ["phoneNumber"] = "+212612345678", ["text"] = "" }, "sessionId" },
        { "no phoneNumber", new() { ["sessionId"] = "s", ["serviceCode"] = "*123#", ["text"] = "" }, "phoneNumber" },
        { "an invalid phoneNumber", new() { ["sessionId"] = "s", ["serviceCode"] = "*123#", ["phoneNumber"] = "abc", ["text"] = "" }, "phoneNumber" },
        { "no serviceCode", new() { ["sessionId"] = "s", ["phoneNumber"] = "+212612345678", ["text"] = "" }, "serviceCode" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_request_missing_a_field_is_a_400_problem_naming_it(string label, Dictionary<string, string> form, string field)
    {
        var engine = new ScriptedEngine(ScriptedEngine.CommuneMenu);
        await using var app = UssdTestRunner.CreateApp(engine);
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/webhooks/africastalking/ussd", new FormUrlEncodedContent(form));

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, label);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(field, problem.GetProperty("detail").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Empty(engine.Calls);
    }

    [Fact]
    public async Task With_a_key_configured_only_callers_presenting_it_are_served()
    {
        var engine = new ScriptedEngine(ScriptedEngine.CommuneMenu);
        await using var app = UssdTestRunner.CreateApp(engine).With("Ussd:AfricasTalking:Key", "k-123");
        using var client = app.CreateClient();
        FormUrlEncodedContent Hop() => new(new Dictionary<string, string>
        {
            ["sessionId"] = "s", ["serviceCode"] = "*123#", ["phoneNumber"] = "+212612345678", ["text"] = "",
        });

        using var without = await client.PostAsync("/webhooks/africastalking/ussd", Hop());
        using var wrong = await client.PostAsync("/webhooks/africastalking/ussd?key=k-124", Hop());
        using var right = await client.PostAsync("/webhooks/africastalking/ussd?key=k-123", Hop());

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.StartsWith("CON Bienvenue", await right.Content.ReadAsStringAsync());
        Assert.Single(engine.Calls);
    }

    [Fact]
    public async Task With_allowed_ips_configured_other_callers_are_refused()
    {
        var engine = new ScriptedEngine(ScriptedEngine.CommuneMenu);
        // The in-process test server has no remote address, like a caller that is not on the list.
        await using var app = UssdTestRunner.CreateApp(engine).With("Ussd:AfricasTalking:AllowedIps", "52.48.80.111, 52.48.80.112");
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/webhooks/africastalking/ussd", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sessionId"] = "s", ["serviceCode"] = "*123#", ["phoneNumber"] = "+212612345678", ["text"] = "",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(engine.Calls);
    }

    [Fact]
    public async Task End_of_session_notifications_are_counted_by_status()
    {
        await using var app = UssdTestRunner.CreateApp(new ScriptedEngine(ScriptedEngine.CommuneMenu));
        using var client = app.CreateClient();
        FormUrlEncodedContent Notification(string session, string status) => new(new Dictionary<string, string>
        {
            ["date"] = "2026-11-24 12:00:00", ["sessionId"] = session, ["serviceCode"] = "*123*4#", ["networkCode"] = "60400",
            ["phoneNumber"] = "+212612345678", ["status"] = status, ["cost"] = "MAD 0.10", ["durationInMillis"] = "35210",
            ["hopsCount"] = "4", ["input"] = "1*route", ["lastAppResponse"] = "END Merci", ["errorMessage"] = "",
        });

        using var first = await client.PostAsync("/webhooks/africastalking/ussd/events", Notification("a", "Success"));
        using var second = await client.PostAsync("/webhooks/africastalking/ussd/events", Notification("b", "Success"));
        using var third = await client.PostAsync("/webhooks/africastalking/ussd/events", Notification("c", "Incomplete"));
        using var invalid = await client.PostAsync("/webhooks/africastalking/ussd/events", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "Success" }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var outcomes = app.Services.GetRequiredService<UssdSessionOutcomes>();
        Assert.Equal(2, outcomes.Count("africastalking", "Success"));
        Assert.Equal(1, outcomes.Count("africastalking", "Incomplete"));
    }
}
