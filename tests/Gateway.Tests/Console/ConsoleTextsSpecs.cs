using System.Text.RegularExpressions;
using Gateway.Components.Console;
using Gateway.Conversations;
using Gateway.Feedback;

namespace Gateway.Tests.Console;

/// <summary>Every label the console's pages ask for exists in French and in Arabic.</summary>
public sealed partial class ConsoleTextsSpecs
{
    [Fact]
    public void Every_label_used_by_a_page_exists_in_both_languages()
    {
        var components = Path.Combine(RepositoryRoot(), "gateway", "Gateway", "Components");
        var used = Directory.EnumerateFiles(components, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LabelKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => !k.EndsWith('.'))
            .Distinct().ToList();
        // Keys built at run time: a prefix and every value it is given.
        used.AddRange(Languages.Core.Select(l => "language." + l));
        used.AddRange(FeedbackChannels.All.Select(c => "channel." + c));
        used.AddRange(FeedbackStatuses.All.Select(s => "fb.status." + s));
        used.AddRange(new[] { "scheduled", "open", "closed", "sending", "paused", "done", "cancelled" }.Select(s => "status." + s));
        used.AddRange(new[] { "healthy", "degraded", "unhealthy" }.Select(s => "health.status." + s));
        // The flows page (FlowSteps.razor) and the answer's language warning (CitizenMessage.razor).
        used.AddRange(Enum.GetNames<Gateway.Conversations.Flows.NodeKind>().Select(k => "flows.kind." + k));
        used.AddRange(Enum.GetNames<Gateway.Text.Script>().Select(s => "flows.script." + s));
        used.AddRange(new[] { Gateway.Text.Script.Latin, Gateway.Text.Script.Arabic, Gateway.Text.Script.Tifinagh }.Select(s => "script." + s));
        used.AddRange(Gateway.Conversations.Flows.FlowValidator.SkipConditions.Select(s => "flows.skip." + s));
        used.AddRange(Gateway.Conversations.Flows.FlowActionNames.BuiltIn.Append(SubmitFeedbackAction.ActionName).Append(Gateway.Polls.RecordVoteAction.ActionName)
            .Append("other").Select(a => "flows.action." + a));
        used.AddRange(new[] { Gateway.Conversations.CommuneOptions.SourceName, "other" }.Select(s => "flows.optionsFrom." + s));

        Assert.True(used.Count > 150, $"only {used.Count} labels found: is the source scan still reading the pages?");
        var missing = used.Where(k => !ConsoleTexts.Has(k)).ToList();
        Assert.True(missing.Count == 0, "labels without a translation: " + string.Join(", ", missing));
        var empty = ConsoleTexts.Keys.Where(k => ConsoleTexts.Get("fr", k).Length == 0 || ConsoleTexts.Get("ar", k).Length == 0 || ConsoleTexts.Get("fr", k) == ConsoleTexts.Get("ar", k) && !k.StartsWith("channel.", StringComparison.Ordinal)).ToList();
        Assert.True(empty.Count == 0, "labels not translated: " + string.Join(", ", empty));
    }

    [GeneratedRegex("""T\("([a-zA-Z0-9_.\-]+)"[,)]""")]
    private static partial Regex LabelKey();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln"))) return dir.FullName;
        throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
    }
}
