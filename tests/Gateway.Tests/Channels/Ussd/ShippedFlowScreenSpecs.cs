using System.Net.Http.Json;
using Gateway.Channels.Ussd;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Tests.Infrastructure;
using Gateway.Text;

namespace Gateway.Tests.Channels.Ussd;

/// <summary>Every screen of every shipped flow, in every language, fits a USSD screen; whole sessions run over both USSD formats.</summary>
public sealed class ShippedFlowScreenSpecs
{
    private static readonly FlowCatalog Catalog = FlowCatalog.Load(Path.Combine(AppContext.BaseDirectory, "flows"));

    public static TheoryData<string, string, string> Screens()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var flow in Catalog.Flows)
            foreach (var node in flow.Nodes.Values.Where(n => n.Text is not null))
                foreach (var language in flow.Languages)
                    data.Add(flow.Id, node.Id, language);
        foreach (var message in Catalog.System.Messages.Keys)
            foreach (var language in Languages.Core)
                data.Add("_system", message, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public void Every_page_of_every_text_fits_182_GSM7_or_80_UCS2_characters(string flowId, string nodeId, string language)
    {
        var reply = flowId == "_system"
            ? Reply.Plain(Catalog.System[nodeId].Texts[language], language)
            : Render(Catalog.Find(flowId)!, Catalog.Find(flowId)!.Nodes[nodeId], language);
        var pages = UssdPaging.Split(UssdPaging.Render([reply]), language);

        for (var i = 0; i < pages.Count; i++)
        {
            foreach (var closing in new[] { false, true })
            {
                var screen = UssdPaging.Compose(pages, i, language, closing && i == pages.Count - 1);
                var gsm = Gsm7.IsGsm(screen);
                var size = gsm ? Gsm7.Septets(screen) : screen.Length;
                Assert.True(size <= (gsm ? 182 : 80), $"{flowId}/{nodeId}/{language} page {i + 1}/{pages.Count}: {size} {(gsm ? "septets" : "UCS-2 units")}\n{screen}");
            }
        }
    }

    private static Reply Render(FlowDefinition flow, FlowNode node, string language)
    {
        var options = node.OptionsFrom == "communes"
            ? new CommuneOptionsProbe().Labels(language)
            : node.Options.Select(o => o.Label.Texts[language]).ToList();
        return new Reply(node.Text!.Texts[language], options.Select((label, i) => new ReplyOption((i + 1).ToString(), label)).ToList(), language);
    }

    /// <summary>The commune list as configured for the gateway (appsettings.json), in one language.</summary>
    private sealed class CommuneOptionsProbe
    {
        public IReadOnlyList<string> Labels(string language)
        {
            using var app = new GatewayApplication();
            var registry = (Gateway.Communes.CommuneRegistry)app.Services.GetService(typeof(Gateway.Communes.CommuneRegistry))!;
            return registry.All.Select(c => c.Name.Resolve([language]).Text).ToList();
        }
    }

    [Theory]
    [InlineData("africastalking")]
    [InlineData("arkesel")]
    public async Task A_whole_session_language_then_feedback_then_reference_runs_on_each_USSD_format(string format)
    {
        await using var app = new GatewayApplication();
        var wire = new UssdSession(app, format, "+212665000001", "*123*4#");

        Assert.Contains("1. Français", await wire.HopAsync("")); // the question in the commune's language (Arabic), options in their own scripts
        Assert.Contains("ماذا تريد أن تفعل", await wire.HopAsync("2"));
        Assert.Contains("ملاحظتك تخص", await wire.HopAsync("1")); // commune known from *123*4# (Agadir)
        Assert.Contains("صف المشكل", await wire.HopAsync("2"));
        Assert.Contains("الحي أو الدوار", await wire.HopAsync("ما كاين ما"));
        var last = await wire.HopAsync("1");

        // A first report: the profile follows (flows/profile.yaml), so the session goes on.
        Assert.StartsWith("CON", wire.LastPrefix);
        Assert.Matches("R-[2-9A-Z]{5}", last);
        var feedback = Assert.Single(await app.EventsAsync<Gateway.Contracts.FeedbackReceived>());
        Assert.Equal(("ussd", "agadir", "water", "ar"), (feedback.Channel, feedback.Commune, feedback.Category, feedback.Language));
    }

    [Theory]
    [InlineData("africastalking")]
    [InlineData("arkesel")]
    public async Task A_session_that_ended_mid_flow_restarts_cleanly_at_the_root_menu_on_the_next_dial(string format)
    {
        await using var app = new GatewayApplication();
        var first = new UssdSession(app, format, "+212665000003", "*123*7#");
        await first.HopAsync("");
        await first.HopAsync("1");
        Assert.Contains("Votre signalement concerne", await first.HopAsync("1"));

        app.Clock.Advance(TimeSpan.FromMinutes(4)); // the operator dropped the session (~180 s)
        var second = new UssdSession(app, format, "+212665000003", "*123*7#");
        var root = await second.HopAsync("");

        Assert.Equal("CON", second.LastPrefix);
        Assert.Contains("Que voulez-vous faire", root);
        Assert.DoesNotContain("Votre signalement concerne", root);
        Assert.Contains("Votre signalement concerne", await second.HopAsync("1")); // and the flow works again
    }

    [Fact]
    public async Task The_open_polls_of_the_commune_appear_in_the_USSD_root_menu_and_can_be_voted()
    {
        const string key = "programme-key-for-tests-0123456789";
        await using var app = new GatewayApplication().With("Admin:ApiKeys:0:Key", key).With("Admin:ApiKeys:0:Name", "programme");
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var created = await http.PostAsJsonAsync("/api/polls", new
        {
            commune = "agadir",
            keyword = "PARC",
            question = new Dictionary<string, string> { ["fr"] = "Quel parc d'abord ?", ["ar"] = "أي حديقة أولا؟" },
            options = new[] { new Dictionary<string, string> { ["fr"] = "Parc Ibn Zaidoun", ["ar"] = "حديقة ابن زيدون" }, new Dictionary<string, string> { ["fr"] = "Jardin Olhão", ["ar"] = "حديقة أولهاو" } },
            closesAt = app.Clock.GetUtcNow().AddDays(3),
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var wire = new UssdSession(app, "africastalking", "+212665000002", "*123*4#");
        await wire.HopAsync("");
        var menu = await wire.HopAsync("1");
        for (var page = 0; page < 3 && !menu.Contains("4. Quel parc"); page++)
            menu = await wire.HopAsync("99"); // "français" (ç) makes the screen UCS-2: the menu pages
        Assert.Contains("4. Quel parc d'abord ?", menu);
        Assert.Contains("1. Parc Ibn Zaidoun", await wire.HopAsync("4"));
        await wire.HopAsync("2");

        var results = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/polls/{(await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()}/results");
        Assert.Equal(1, results.GetProperty("total").GetInt64());
    }

    /// <summary>One USSD session on the wire, in either format.</summary>
    /// <remarks>A person takes seconds to read a screen and answer: the clock moves 3 s per hop, as retries are told apart by timing in the Arkesel format.</remarks>
    private sealed class UssdSession(GatewayApplication app, string format, string phone, string code)
    {
        private readonly HttpClient http = app.CreateClient();
        private readonly string _sessionId = "ATUid_" + Guid.NewGuid().ToString("N");
        private readonly List<string> _inputs = [];

        public string LastPrefix { get; private set; } = "";

        public async Task<string> HopAsync(string input)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(3));
            var first = _inputs.Count == 0 && input.Length == 0;
            if (!first) _inputs.Add(input);
            string text;
            if (format == "africastalking")
            {
                var response = await http.PostAsync("/webhooks/africastalking/ussd", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["sessionId"] = _sessionId, ["serviceCode"] = code, ["phoneNumber"] = phone, ["networkCode"] = "60401", ["text"] = string.Join('*', _inputs),
                }));
                text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, text);
                LastPrefix = text[..3];
                text = text[4..];
            }
            else
            {
                var response = await http.PostAsJsonAsync("/webhooks/ussd/arkesel", new
                {
                    sessionID = _sessionId, userID = "gw", msisdn = phone.TrimStart('+'), userData = first ? code : input, newSession = first, network = "IAM",
                });
                var json = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                Assert.True(response.IsSuccessStatusCode, json.ToString());
                text = json.GetProperty("message").GetString()!;
                LastPrefix = json.GetProperty("continueSession").GetBoolean() ? "CON" : "END";
            }
            var gsm = Gsm7.IsGsm(text);
            Assert.True((gsm ? Gsm7.Septets(text) : text.Length) <= (gsm ? 182 : 80), $"screen too long:\n{text}");
            return text;
        }
    }
}
