using Gateway.Text;

namespace Gateway.Conversations.Flows;

/// <summary>
/// Graph and translation checks of one flow. Cross-flow checks (duplicate keywords, <c>@flow</c> jumps)
/// live in <see cref="FlowCatalog"/>.
/// </summary>
public static class FlowValidator
{
    /// <summary>What <c>skip_if</c> may test.</summary>
    public static readonly IReadOnlySet<string> SkipConditions = new HashSet<string> { "commune", "language", "saved", "subscribed", "ussd", "not_ussd", "profile_empty" };

    /// <summary>
    /// Every problem of <paramref name="flow"/>; its actions and <c>options_from</c> sources against
    /// <paramref name="vocabulary"/>, unless null (checked later with <see cref="CheckNames"/>, once the registrations are known).
    /// </summary>
    public static IReadOnlyList<FlowProblem> Validate(FlowDefinition flow, FlowVocabulary? vocabulary)
    {
        var problems = new List<FlowProblem>();
        void Problem(int line, string text) => problems.Add(new FlowProblem(flow.File, line, text));

        if (!flow.Nodes.ContainsKey(flow.Start)) Problem(1, $"start node '{flow.Start}' is not a node of this flow");
        if (!flow.Languages.Contains(flow.DefaultLanguage)) Problem(1, $"default_language '{flow.DefaultLanguage}' is not one of the declared languages");
        CheckTranslations(flow.Name, "the flow name", 1);

        foreach (var node in flow.Nodes.Values)
        {
            var where = $"node '{node.Id}'";
            if (node.Text is { } text) CheckTranslations(text, $"the text of {where}", node.Line);
            if (node.Invalid is { } invalid) CheckTranslations(invalid, $"the invalid-answer text of {where}", node.Line);
            foreach (var option in node.Options)
                CheckTranslations(option.Label, $"the label of option '{option.Value}' of {where}", option.Line);

            switch (node.Kind)
            {
                case NodeKind.Say or NodeKind.Action when node.Next is null:
                    Problem(node.Line, $"{where} ({node.Kind.ToString().ToLowerInvariant()}) has no 'next'");
                    break;
                case NodeKind.Ask or NodeKind.Menu:
                    if (node.Text is null) Problem(node.Line, $"{where} asks nothing: it has no 'text'");
                    if (node.Options.Count == 0 && node.OptionsFrom is null && node.FreeText is null)
                        Problem(node.Line, $"{where} needs 'options', 'options_from' or 'free_text'");
                    if (node.Kind == NodeKind.Menu && node.FreeText is not null)
                        Problem(node.Line, $"{where} is a menu: it takes options only, not 'free_text'");
                    foreach (var option in node.Options)
                        if (option.Next is null && node.Next is null)
                            Problem(option.Line, $"option '{option.Value}' of {where} has no 'next' (and the node has none)");
                    foreach (var dup in node.Options.GroupBy(o => o.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
                        Problem(dup.Skip(1).First().Line, $"option value '{dup.Key}' appears twice in {where}");
                    if ((node.OptionsFrom is not null || node.FreeText is not null) && node.Next is null)
                        Problem(node.Line, $"{where} has generated options or free text but no 'next'");
                    if (node.FreeText is { } rule && (rule.Min < 0 || rule.Max < rule.Min))
                        Problem(node.Line, $"free_text of {where} needs 0 <= min <= max");
                    if (node.FreeText?.Format is { } format && !FreeTextFormats.Known.Contains(format))
                        Problem(node.Line, $"free_text of {where} has unknown format '{format}' (known: {string.Join(", ", FreeTextFormats.Known)})");
                    break;
            }
            if (node.Then is not null && node.Kind != NodeKind.End)
                Problem(node.Line, $"{where} is not an end node: only end nodes take 'then'");
            if (node.DynamicItems && node.Kind != NodeKind.Menu)
                Problem(node.Line, $"{where} is not a menu: only menus take dynamic_items");
            if (node.SkipIf is { } skip && !SkipConditions.Contains(skip))
                Problem(node.Line, $"{where} has unknown skip_if '{skip}' (known: {string.Join(", ", SkipConditions)})");
            if (node.SkipIf is not null && node.Next is null)
                Problem(node.Line, $"{where} can be skipped (skip_if) but has no 'next' to skip to");

            foreach (var (target, line) in Targets(node))
                if (!target.StartsWith('@') && !flow.Nodes.ContainsKey(target))
                    Problem(line, $"{where} leads to unknown node '{target}'");
        }

        if (flow.Nodes.ContainsKey(flow.Start))
        {
            var reachable = Reachable(flow);
            foreach (var node in flow.Nodes.Values.Where(n => !reachable.Contains(n.Id)))
                Problem(node.Line, $"node '{node.Id}' is unreachable from start '{flow.Start}'");
            foreach (var node in flow.Nodes.Values.Where(n => LoopsWithoutQuestion(flow, n)))
                Problem(node.Line, $"node '{node.Id}' starts a loop of say/action nodes that never waits for an answer");
        }
        if (vocabulary is not null) problems.AddRange(CheckNames(flow, vocabulary));
        return problems;

        void CheckTranslations(LocalizedText text, string what, int line)
        {
            foreach (var language in flow.Languages.Where(l => !text.Texts.ContainsKey(l)))
                Problem(line, $"{what} has no '{language}' translation (the flow declares {string.Join(", ", flow.Languages)})");
        }
    }

    /// <summary>The actions and <c>options_from</c> sources of <paramref name="flow"/> that <paramref name="vocabulary"/> does not know.</summary>
    public static IEnumerable<FlowProblem> CheckNames(FlowDefinition flow, FlowVocabulary vocabulary)
    {
        foreach (var node in flow.Nodes.Values)
        {
            if (node.Kind == NodeKind.Action && !vocabulary.Actions.Contains(node.Action ?? ""))
                yield return new FlowProblem(flow.File, node.Line, $"node '{node.Id}' has unknown action '{node.Action}' (known: {string.Join(", ", vocabulary.Actions)})");
            if (node.OptionsFrom is { } source && !vocabulary.OptionSources.Contains(source))
                yield return new FlowProblem(flow.File, node.Line, $"node '{node.Id}' has unknown options_from '{source}' (known: {string.Join(", ", vocabulary.OptionSources)})");
        }
    }

    /// <summary>Every node or <c>@flow</c> a node can lead to, with the line that says so.</summary>
    public static IEnumerable<(string Target, int Line)> Targets(FlowNode node)
    {
        if (node.Next is not null) yield return (node.Next, node.Line);
        foreach (var option in node.Options)
            if (option.Next is not null) yield return (option.Next, option.Line);
    }

    private static HashSet<string> Reachable(FlowDefinition flow)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { flow.Start };
        var queue = new Queue<string>([flow.Start]);
        while (queue.TryDequeue(out var id))
        {
            if (!flow.Nodes.TryGetValue(id, out var node)) continue;
            foreach (var (target, _) in Targets(node))
                if (!target.StartsWith('@') && seen.Add(target)) queue.Enqueue(target);
        }
        return seen;
    }

    private static bool LoopsWithoutQuestion(FlowDefinition flow, FlowNode start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var node = start;
        while (node.Kind is NodeKind.Say or NodeKind.Action && node.Next is { } next && !next.StartsWith('@'))
        {
            if (!seen.Add(node.Id)) return node == start;
            if (!flow.Nodes.TryGetValue(next, out node!)) return false;
        }
        return false;
    }
}
