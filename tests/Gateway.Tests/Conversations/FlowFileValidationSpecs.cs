using Gateway.Conversations.Flows;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Conversations;

/// <summary>A bad flow file stops start-up with an error naming the file, the line and the problem.</summary>
public sealed class FlowFileValidationSpecs
{
    private static readonly string System = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "flows", "_system.yaml"));

    private const string Valid = """
        flow: demo
        keywords: [DEMO]
        languages: [fr, ar]
        start: ask
        nodes:
          ask:
            kind: ask
            text: {fr: "Oui ou non ?", ar: "نعم أو لا؟"}
            options:
              - value: "yes"
                label: {fr: "Oui", ar: "نعم"}
                next: bye
              - value: "no"
                label: {fr: "Non", ar: "لا"}
                next: bye
          bye:
            kind: end
            text: {fr: "Merci", ar: "شكرا"}
        """;

    public static TheoryData<string, string, int, string> Cases => new()
    {
        // label, file content, expected line, expected problem
        { "unknown node kind", Valid.Replace("kind: end", "kind: finish"), 17, "node 'bye' has unknown kind 'finish'" },
        { "next to an unknown node", Valid.Replace("next: bye\n      - value: \"no\"", "next: byee\n      - value: \"no\""), 10, "node 'ask' leads to unknown node 'byee'" },
        { "missing translation", Valid.Replace(", ar: \"شكرا\"", ""), 17, "the text of node 'bye' has no 'ar' translation" },
        { "unreachable node", Valid + "\n  lost:\n    kind: end\n    text: {fr: \"x\", ar: \"x\"}", 20, "node 'lost' is unreachable from start 'ask'" },
        { "option without next", Valid.Replace("        next: bye\n      - value: \"no\"", "      - value: \"no\""), 10, "option 'yes' of node 'ask' has no 'next'" },
        { "unknown field", Valid.Replace("kind: ask", "kind: ask\n    nxt: bye"), 8, "unknown field 'nxt' in node 'ask'" },
        { "unknown action", Valid.Replace("kind: end\n    text: {fr: \"Merci\", ar: \"شكرا\"}", "kind: action\n    action: launch_rocket\n    next: ask"), 17, "node 'bye' has unknown action 'launch_rocket'" },
        { "not YAML", "flow: demo\nkeywords: [unclosed\nstart: x\n", 1, "not valid YAML" },
        { "bad indentation", "flow: demo\n  keywords: x\n start: y\n", 2, "not valid YAML" },
        { "bad duration", Valid.Replace("start: ask", "start: ask\nidle_timeout: soon"), 5, "'idle_timeout' must be a duration like 90s, 30m, 24h or 7d, not 'soon'" },
        { "keyword that is a global command", Valid.Replace("[DEMO]", "[STOP]"), 1, "keyword 'STOP' is a global command (stop)" },
        { "say loop that never waits", Valid.Replace("start: ask", "start: a") + "\n  a:\n    kind: say\n    text: {fr: \"a\", ar: \"a\"}\n    next: b\n  b:\n    kind: say\n    text: {fr: \"b\", ar: \"b\"}\n    next: a", 20, "node 'a' starts a loop of say/action nodes that never waits for an answer" },
        { "unknown language", Valid.Replace("[fr, ar]", "[fr, ar, xx]"), 3, "unknown language 'xx'" },
        { "then on a node that is not an end", Valid.Replace("kind: ask\n", "kind: ask\n    then: demo\n"), 7, "node 'ask' is not an end node: only end nodes take 'then'" },
        { "then to an unknown flow", Valid.Replace("kind: end\n", "kind: end\n    then: profil\n"), 17, "node 'bye' goes on with unknown flow 'profil' (then)" },
        { "then to its own flow", Valid.Replace("kind: end\n", "kind: end\n    then: demo\n"), 17, "node 'bye' goes on with its own flow 'demo' (then): it would never end" },
        { "unknown free-text format", Valid.Replace("kind: ask\n", "kind: ask\n    free_text: {min: 1, max: 9, format: postcode}\n    next: bye\n"), 7, "free_text of node 'ask' has unknown format 'postcode' (known: birth_year)" },
        { "unknown skip condition", Valid.Replace("kind: ask\n", "kind: ask\n    skip_if: sms\n    next: bye\n"), 7, "node 'ask' has unknown skip_if 'sms'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_invalid_flow_file_is_refused_with_file_line_and_problem(string label, string yaml, int line, string problem)
    {
        var error = Assert.Throws<FlowFileException>(() => FlowCatalog.Load([("flows/_system.yaml", System), ("flows/demo.yaml", yaml)], FlowVocabulary.BuiltIn));

        Assert.True(error.Problems.Any(p => p.File == "flows/demo.yaml" && p.Line == line && p.Problem.Contains(problem, StringComparison.Ordinal)),
            $"{label}: expected flows/demo.yaml:{line}: {problem}\nbut got:\n{error.Message}");
        Assert.Contains($"flows/demo.yaml:{line}: ", error.Message);
    }

    [Fact]
    public void The_valid_demo_flow_loads()
    {
        var catalog = FlowCatalog.Load([("flows/_system.yaml", System), ("flows/demo.yaml", Valid)]);
        Assert.NotNull(catalog.Find("demo"));
    }

    [Fact]
    public void A_lexicon_word_of_two_concepts_a_yes_no_or_number_word_or_a_command_is_refused_with_its_line()
    {
        const string lexicon = """
            concepts:
              water:
                fr: [eau, source]
                ary-Latn: [lma, wakha]
              wells:
                fr: [puits, source]
                xx: [bir]
              numbers:
                fr: [deux, stop]
            """;

        var error = Assert.Throws<FlowFileException>(() => FlowCatalog.Load([("flows/_system.yaml", System), ("flows/_lexicon.yaml", lexicon), ("flows/demo.yaml", Valid)]));

        Assert.Contains("flows/_lexicon.yaml:4: concept 'water': 'wakha' is a yes/no or number word", error.Message);
        Assert.Contains("flows/_lexicon.yaml:6: concept 'wells': 'source' is also a word of 'water'", error.Message);
        Assert.Contains("flows/_lexicon.yaml:7: concept 'wells': unknown language 'xx'", error.Message);
        Assert.Contains("flows/_lexicon.yaml:9: concept 'numbers': 'deux' is a yes/no or number word", error.Message);
        Assert.Contains("concept 'numbers': 'stop' is a global command (stop)", error.Message);
    }

    [Fact]
    public void A_flow_options_label_the_lexicon_knows_gets_the_lexicons_words()
    {
        const string lexicon = "concepts:\n  water:\n    fr: [eau]\n    ary-Latn: [lma]\n    zgh: [ⴰⵎⴰⵏ]\n";
        var yaml = Valid.Replace("label: {fr: \"Oui\", ar: \"نعم\"}", "label: {fr: \"Eau\", ar: \"نعم\"}");

        var catalog = FlowCatalog.Load([("flows/_system.yaml", System), ("flows/_lexicon.yaml", lexicon), ("flows/demo.yaml", yaml)]);

        Assert.Equal(["lma", "ⴰⵎⴰⵏ"], catalog.Find("demo")!.Nodes["ask"].Options[0].Synonyms);
    }

    [Fact]
    public void The_same_keyword_in_two_flows_is_refused_naming_both()
    {
        var other = Valid.Replace("flow: demo", "flow: other").Replace("[DEMO]", "[démo]");

        var error = Assert.Throws<FlowFileException>(() => FlowCatalog.Load([("flows/_system.yaml", System), ("flows/demo.yaml", Valid), ("flows/other.yaml", other)]));

        Assert.Contains("flows/other.yaml:1: duplicate keyword 'démo': already used by flow 'demo' (flows/demo.yaml)", error.Message);
    }

    [Fact]
    public void The_gateway_refuses_to_start_on_a_bad_flow_directory_and_says_why()
    {
        var directory = Directory.CreateTempSubdirectory("flows-");
        try
        {
            var flows = Directory.CreateDirectory(Path.Combine(directory.FullName, "flows"));
            File.WriteAllText(Path.Combine(flows.FullName, "_system.yaml"), System);
            File.WriteAllText(Path.Combine(flows.FullName, "demo.yaml"), Valid.Replace("kind: end", "kind: finish"));
            using var app = new GatewayApplication().With("Gateway:FlowsPath", flows.FullName);

            var error = Assert.Throws<FlowFileException>(() => app.CreateClient());

            Assert.Contains("flows/demo.yaml:17: node 'bye' has unknown kind 'finish'", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Every_shipped_flow_file_is_valid()
    {
        await using var app = new GatewayApplication(); // what the gateway registers: built-in and features' actions and sources
        var catalog = FlowCatalog.Load(Path.Combine(AppContext.BaseDirectory, "flows"), app.Services.GetRequiredService<FlowVocabulary>());

        Assert.Equal(["audience", "feedback", "language", "menu", "profile", "subscribe"], catalog.Flows.Select(f => f.Id).Order());
        Assert.All(catalog.Flows, f => Assert.Equal(["fr", "ar", "zgh", "zgh-Latn"], f.Languages));
    }
}
