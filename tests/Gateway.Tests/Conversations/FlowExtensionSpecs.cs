using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Conversations;

/// <summary>
/// Features extend flows by registering: an action (<see cref="IFlowAction"/>) or an options source
/// (<see cref="IOptionSource"/>) registered in the gateway can be named in a flow file, and a name nobody registered
/// stops start-up naming the file and line and listing the known names.
/// </summary>
public sealed class FlowExtensionSpecs
{
    private const string StampFlow = """
        flow: stamp
        keywords: [TAMPON]
        languages: [fr, ar]
        start: ask
        nodes:
          ask:
            kind: ask
            text: {fr: "On tamponne ?", ar: "نختم؟"}
            options:
              - value: "yes"
                label: {fr: "Oui", ar: "نعم"}
            next: stamp
          stamp:
            kind: action
            action: stamp
            next: bye
          bye:
            kind: end
            text: {fr: "Tamponné : {stamp}", ar: "مختوم: {stamp}"}
        """;

    private const string DistrictFlow = """
        flow: district
        keywords: [QUARTIER]
        languages: [fr, ar]
        start: ask
        nodes:
          ask:
            kind: ask
            text: {fr: "Votre quartier ?", ar: "حيك؟"}
            options_from: districts
            save: district
            next: bye
          bye:
            kind: end
            text: {fr: "Quartier choisi : {district}", ar: "الحي: {district}"}
        """;

    private const string VoteFlow = """
        flow: vote
        keywords: [VOTEZ]
        languages: [fr, ar]
        start: ask
        nodes:
          ask:
            kind: ask
            text: {fr: "Votre choix ?", ar: "اختيارك؟"}
            options:
              - value: "1"
                label: {fr: "Le terrain", ar: "الملعب"}
            save: choice
            next: vote
          vote:
            kind: action
            action: record_vote
            args: {poll: no-such-poll}
            next: bye
          bye:
            kind: end
            text: {fr: "Vote compté.", ar: "تم احتساب صوتك."}
        """;

    /// <summary>A test's own action: saves a value the end node says.</summary>
    private sealed class StampAction : IFlowAction
    {
        public string Name => "stamp";

        public void Run(FlowNode node, StepContext step) => step.Contact.Session!.Vars["stamp"] = "TX-42";
    }

    /// <summary>A test's own options source.</summary>
    private sealed class Districts : IOptionSource
    {
        public string Name => "districts";

        public IReadOnlyList<AnswerOption> OptionsFor(ContactState contact) =>
        [
            new("hay-salam", Gateway.Text.LocalizedText.Of(("fr", "Hay Salam"), ("ar", "حي السلام")), AnswerOption.NoSynonyms),
            new("talborjt", Gateway.Text.LocalizedText.Of(("fr", "Talborjt"), ("ar", "تالبرجت")), AnswerOption.NoSynonyms),
        ];
    }

    private static void Register(IServiceCollection services)
    {
        services.AddSingleton<IFlowAction, StampAction>();
        services.AddSingleton<IOptionSource, Districts>();
    }

    [Fact]
    public async Task A_flow_file_runs_an_action_a_feature_registered()
    {
        using var flows = new FlowDirectory(("stamp.yaml", StampFlow));
        await using var app = new GatewayApplication().With("Gateway:FlowsPath", flows.Path).WithServices(Register);
        var phone = new SimulatorPhone(app.CreateClient());

        Assert.Contains("On tamponne ?", (await phone.SendAsync("TAMPON")).Text);
        var reply = await phone.SendAsync("oui");

        Assert.Contains("Tamponné : TX-42", reply.Text);
        Assert.False(reply.ConversationOpen);
    }

    [Fact]
    public async Task A_flow_file_takes_its_options_from_a_source_a_feature_registered()
    {
        using var flows = new FlowDirectory(("district.yaml", DistrictFlow));
        await using var app = new GatewayApplication().With("Gateway:FlowsPath", flows.Path).WithServices(Register);
        var phone = new SimulatorPhone(app.CreateClient());

        var question = (await phone.SendAsync("QUARTIER")).Text;
        Assert.Contains("Hay Salam", question);
        Assert.Contains("Talborjt", question);
        var reply = await phone.SendAsync("talborjt");

        Assert.Contains("Quartier choisi : talborjt", reply.Text);
    }

    [Fact]
    public async Task A_flow_file_can_use_the_polls_record_vote_action()
    {
        using var flows = new FlowDirectory(("vote.yaml", VoteFlow));
        const string key = "flows-observer-key-0123456789";
        await using var app = new GatewayApplication().With("Gateway:FlowsPath", flows.Path)
            .With("Admin:ApiKeys:0:Key", key).With("Admin:ApiKeys:0:Role", "observer");
        var client = app.CreateClient();
        var phone = new SimulatorPhone(client);

        var listed = await app.CreateClient(key).GetFromJsonAsync<JsonElement>("/api/flows");
        Assert.Contains(listed.EnumerateArray(), f => f.GetProperty("id").GetString() == "vote");
        Assert.Contains("Votre choix ?", (await phone.SendAsync("VOTEZ")).Text);
        // The action ran: it refuses a vote for a poll that does not exist, and says so instead of the end node's text.
        var reply = await phone.SendAsync("1");

        Assert.Contains("Ce sondage est clos", reply.Text);
        Assert.DoesNotContain("Vote compté.", reply.Text);
    }

    [Theory]
    [InlineData("action: stamp", "action: launch_rocket", 14, "node 'stamp' has unknown action 'launch_rocket' (known: ", "record_vote")]
    [InlineData("action: stamp", "action: launch_rocket", 14, "node 'stamp' has unknown action 'launch_rocket' (known: ", "submit_feedback")]
    [InlineData("action: stamp", "action: launch_rocket", 14, "node 'stamp' has unknown action 'launch_rocket' (known: ", "stamp")]
    [InlineData("options:\n      - value: \"yes\"\n        label: {fr: \"Oui\", ar: \"نعم\"}", "options_from: weather", 7, "node 'ask' has unknown options_from 'weather' (known: ", "districts")]
    [InlineData("options:\n      - value: \"yes\"\n        label: {fr: \"Oui\", ar: \"نعم\"}", "options_from: weather", 7, "node 'ask' has unknown options_from 'weather' (known: ", "communes")]
    public void A_name_nobody_registered_stops_start_up_naming_file_and_line_and_the_known_names(string replaced, string by, int line, string problem, string known)
    {
        var yaml = StampFlow.Replace(replaced, by, StringComparison.Ordinal);
        Assert.NotEqual(StampFlow, yaml);
        using var flows = new FlowDirectory(("stamp.yaml", yaml));
        using var app = new GatewayApplication().With("Gateway:FlowsPath", flows.Path).WithServices(Register);

        var error = Assert.Throws<FlowFileException>(() => app.CreateClient());

        var message = Assert.Single(error.Problems, p => p.File == "flows/stamp.yaml");
        Assert.Equal(line, message.Line);
        Assert.Contains(problem, message.Problem);
        Assert.Contains(known, message.Problem[message.Problem.IndexOf("(known: ", StringComparison.Ordinal)..]);
        Assert.Contains($"flows/stamp.yaml:{line}: {problem}", error.Message);
    }

    /// <summary>The shipped flows plus the test's, in a temporary <c>flows</c> folder.</summary>
    private sealed class FlowDirectory : IDisposable
    {
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("flows-");

        public FlowDirectory(params (string Name, string Yaml)[] files)
        {
            var flows = Directory.CreateDirectory(System.IO.Path.Combine(_root.FullName, "flows"));
            foreach (var shipped in Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "flows"), "*.yaml"))
                File.Copy(shipped, System.IO.Path.Combine(flows.FullName, System.IO.Path.GetFileName(shipped)));
            foreach (var (name, yaml) in files) File.WriteAllText(System.IO.Path.Combine(flows.FullName, name), yaml);
            Path = flows.FullName;
        }

        public string Path { get; }

        public void Dispose() => _root.Delete(recursive: true);
    }
}
