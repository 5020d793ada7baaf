using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Gateway.Tests.Channels.Ussd.UssdStep;

namespace Gateway.Tests.Channels.Ussd;

/// <summary>
/// Arkesel: JSON with only the latest input and a newSession flag (the first hop's userData is the dialled code).
/// Retries are recognised by the handler's rule: same input, same position, within 2 s.
/// </summary>
public sealed class ArkeselUssdSpecs
{
    private const string Dial = "*928*1#";
    private const string Root = "Bienvenue à la commune d'Ait Ourir\n1. Donner un avis\n2. Services\n3. Khadamat\n4. Au revoir\n5. Règlement";

    public static TheoryData<UssdCase> Cases => new()
    {
        new UssdCase("first hop shows the commune's root menu for the dialled code",
            new UssdStep(Dial, NewSession: true, Shows: Root, EngineText: "", ProviderMessageId: "sess-1:0")),
        new UssdCase("a continuing hop is counted by the handler",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("1", Shows: "Écrivez votre avis en quelques mots", EngineText: "1", ProviderMessageId: "sess-1:1"),
            new UssdStep("route cassée", Continue: null, EngineText: "route cassée", ProviderMessageId: "sess-1:2")),
        new UssdCase("a closed conversation ends the session",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("4", Continue: false, Shows: "Merci, au revoir", EngineText: "4")),
        new UssdCase("a retried hop within 2 s gets the same screen and does not advance",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("1", Shows: "Écrivez votre avis en quelques mots", EngineText: "1"),
            new UssdStep("1", Shows: "Écrivez votre avis en quelques mots", EngineText: NoEngineCall, Retry: true),
            new UssdStep("1", Continue: null, EngineText: "1", ProviderMessageId: "sess-1:2")),
        new UssdCase("a retried new-session hop gets the root menu again",
            new UssdStep(Dial, NewSession: true, Shows: Root),
            new UssdStep(Dial, NewSession: true, Shows: Root, EngineText: NoEngineCall, Retry: true)),
        new UssdCase("a long French menu pages forward and back without the engine",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("2", Contains: "3. Collecte des déchets\n99 Suite", EngineText: "2"),
            new UssdStep("99", Contains: "10. Autre sujet\n0 Retour", EngineText: NoEngineCall),
            new UssdStep("0", Contains: "1. Voirie et routes communales", EngineText: NoEngineCall),
            new UssdStep("7", Continue: null, EngineText: "7", ProviderMessageId: "sess-1:4")),
        new UssdCase("a long Arabic menu pages within 80 characters",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("3", Contains: "99 التالي", EngineText: "3"),
            new UssdStep("99", Contains: "99 التالي\n0 رجوع", EngineText: NoEngineCall),
            new UssdStep("99", Contains: "8. النقل المدرسي\n0 رجوع", EngineText: NoEngineCall),
            new UssdStep("0", Contains: "3. جمع النفايات", EngineText: NoEngineCall),
            new UssdStep("0", Contains: "1. الطرق والأزقة", EngineText: NoEngineCall)),
        new UssdCase("junk input reaches the engine",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("*#xyz", Shows: "Choix invalide\n1. Donner un avis\n2. Services", EngineText: "*#xyz")),
        new UssdCase("a new session id restarts from the root menu",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("1"),
            new UssdStep(Dial, Session: "sess-2", NewSession: true, Shows: Root, EngineText: "", ProviderMessageId: "sess-2:0")),
        new UssdCase("the new-session flag restarts a reused session id",
            new UssdStep(Dial, NewSession: true),
            new UssdStep("2"),
            new UssdStep(Dial, NewSession: true, Shows: Root, EngineText: "", ProviderMessageId: "sess-1:0")) { RepeatsHopId = true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Session(UssdCase testCase) => UssdTestRunner.RunAsync(new ArkeselWire(), testCase);

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "no sessionID", """{"userID":"U","msisdn":"212612345678","userData":"*928#","newSession":true}""", "sessionID" },
        { "no msisdn", """{"sessionID":"s","userID":"U","userData":"*928#","newSession":true}""", "msisdn" },
        { "an invalid msisdn", """{"sessionID":"s","userID":"U","msisdn":"0x12","userData":"*928#","newSession":true}""", "msisdn" },
        { "not JSON", "sessionID=s", "body" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_request_missing_a_field_is_a_400_problem_naming_it(string label, string body, string field)
    {
        var engine = new ScriptedEngine(ScriptedEngine.CommuneMenu);
        await using var app = UssdTestRunner.CreateApp(engine);
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/webhooks/ussd/arkesel", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, label);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Empty(engine.Calls);
    }

    [Fact]
    public async Task A_route_configured_with_the_arkesel_format_speaks_it_under_its_own_name()
    {
        var engine = new ScriptedEngine(ScriptedEngine.CommuneMenu);
        await using var app = UssdTestRunner.CreateApp(engine).With("Ussd:Nalo:Format", "arkesel");
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/webhooks/ussd/nalo",
            new { sessionID = "n1", userID = "U", msisdn = "212612345678", userData = Dial, newSession = true, network = "IAM" });
        using var unknown = await client.PostAsJsonAsync("/webhooks/ussd/nowhere", new { sessionID = "n1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("continueSession").GetBoolean());
        Assert.Equal("nalo", Assert.Single(engine.Calls).Provider);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
