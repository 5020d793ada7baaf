using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Gateway.Text;

namespace Gateway.Conversations.Flows;

/// <summary>
/// Reads one flow file into a <see cref="FlowDefinition"/>, keeping line numbers so that every problem
/// can be reported as <c>file:line: problem</c>. Shape problems are collected here; graph problems
/// (reachability, missing translations...) are found by <see cref="FlowValidator"/>.
/// </summary>
public sealed class FlowYamlReader
{
    private static readonly HashSet<string> FlowFields = ["flow", "name", "keywords", "languages", "default_language", "idle_timeout", "start", "nodes"];
    private static readonly HashSet<string> NodeFields = ["kind", "text", "options", "options_from", "free_text", "save", "next", "retries", "invalid", "skip_if", "action", "args", "dynamic_items", "then"];
    private static readonly HashSet<string> OptionFields = ["value", "label", "next", "synonyms"];

    private readonly string _file;
    private readonly Lexicon _lexicon;
    private readonly List<FlowProblem> _problems = [];

    private FlowYamlReader(string file, Lexicon lexicon) => (_file, _lexicon) = (file, lexicon);

    /// <summary>
    /// Parses <paramref name="yaml"/>; returns null (with problems) when the file cannot be understood. An option whose
    /// label <paramref name="lexicon"/> knows gets the lexicon's words after its own synonyms.
    /// </summary>
    public static (FlowDefinition? Flow, IReadOnlyList<FlowProblem> Problems) Read(string file, string yaml, Lexicon? lexicon = null)
    {
        var reader = new FlowYamlReader(file, lexicon ?? Lexicon.Empty);
        var flow = reader.ReadFlow(yaml);
        return (flow, reader._problems);
    }

    private FlowDefinition? ReadFlow(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            Problem(Line(e.Start), $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed documents (an unclosed flow sequence at the end) without a position.
            Problem(1, $"not valid YAML: {e.Message} (check brackets and quotes)");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Problem(1, "a flow file must be a mapping with 'flow', 'languages', 'start' and 'nodes'");
            return null;
        }

        CheckFields(root, FlowFields, "flow");
        var id = RequiredScalar(root, "flow", "the flow");
        var languages = Sequence(root, "languages");
        foreach (var (language, line) in languages)
            if (!Gateway.Conversations.Languages.IsKnown(language)) Problem(line, $"unknown language '{language}' (known: {string.Join(", ", Gateway.Conversations.Languages.Known)})");
        if (languages.Count == 0) Problem(root.Start, "'languages' must list the text sets of the flow, e.g. [fr, ar, zgh, zgh-Latn]");
        var defaultLanguage = Scalar(root, "default_language") ?? languages.FirstOrDefault().Value ?? "fr";
        var idle = ReadDuration(root, "idle_timeout") ?? TimeSpan.FromHours(24);
        var start = RequiredScalar(root, "start", "the flow");
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        if (Child(root, "nodes") is YamlMappingNode nodesMap)
        {
            foreach (var (key, value) in nodesMap.Children)
            {
                var nodeId = ((YamlScalarNode)key).Value ?? "";
                if (!IsIdentifier(nodeId)) Problem(key.Start, $"node id '{nodeId}' must be lower-case letters, digits and '_'");
                if (value is not YamlMappingNode nodeMap) { Problem(value.Start, $"node '{nodeId}' must be a mapping"); continue; }
                if (nodes.ContainsKey(nodeId)) { Problem(key.Start, $"duplicate node '{nodeId}'"); continue; }
                if (ReadNode(nodeId, nodeMap) is { } node) nodes[nodeId] = node;
            }
        }
        else Problem(root.Start, "'nodes' must be a mapping of node id to node");

        if (id is null || start is null) return null;
        return new FlowDefinition
        {
            Id = id,
            File = _file,
            Name = Localized(root, "name") ?? new LocalizedText(languages.ToDictionary(l => l.Value, _ => id)),
            Keywords = Sequence(root, "keywords").Select(k => k.Value).ToList(),
            Languages = languages.Select(l => l.Value).ToList(),
            DefaultLanguage = defaultLanguage,
            IdleTimeout = idle,
            Start = start,
            Nodes = nodes,
        };
    }

    private FlowNode? ReadNode(string id, YamlMappingNode map)
    {
        CheckFields(map, NodeFields, $"node '{id}'");
        var kindText = Scalar(map, "kind");
        if (!Enum.TryParse<NodeKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
        {
            Problem(map.Start, $"node '{id}' has unknown kind '{kindText}' (say, ask, menu, action, end)");
            return null;
        }
        var options = new List<FlowOption>();
        if (Child(map, "options") is YamlSequenceNode optionNodes)
        {
            foreach (var optionNode in optionNodes)
            {
                if (optionNode is not YamlMappingNode option) { Problem(optionNode.Start, $"options of node '{id}' must be mappings with value, label, next"); continue; }
                CheckFields(option, OptionFields, $"an option of node '{id}'");
                var value = Scalar(option, "value") ?? (options.Count + 1).ToString(CultureInfo.InvariantCulture);
                var label = Localized(option, "label") ?? LocalizedText.Empty;
                options.Add(new FlowOption(
                    value,
                    label,
                    Scalar(option, "next"),
                    [.. Sequence(option, "synonyms").Select(s => s.Value), .. _lexicon.SynonymsFor(label.Texts.Values).Values.SelectMany(w => w)],
                    Line(option.Start)));
            }
        }
        FreeTextRule? freeText = null;
        if (Child(map, "free_text") is YamlMappingNode ft)
            freeText = new FreeTextRule(Int(ft, "min") ?? 1, Int(ft, "max") ?? 1600, Scalar(ft, "format"));
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(map, "args") is YamlMappingNode argMap)
            foreach (var (k, v) in argMap.Children) args[((YamlScalarNode)k).Value ?? ""] = (v as YamlScalarNode)?.Value ?? "";

        return new FlowNode
        {
            Id = id,
            Kind = kind,
            Line = Line(map.Start),
            Text = Localized(map, "text"),
            Options = options,
            OptionsFrom = Scalar(map, "options_from"),
            DynamicItems = Scalar(map, "dynamic_items") is "true" or "yes",
            FreeText = freeText,
            Save = Scalar(map, "save"),
            Next = Scalar(map, "next"),
            Retries = Int(map, "retries") ?? 2,
            Invalid = Localized(map, "invalid"),
            SkipIf = Scalar(map, "skip_if"),
            Action = Scalar(map, "action"),
            Args = args,
            Then = Scalar(map, "then"),
        };
    }

    private LocalizedText? Localized(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return null;
        if (node is not YamlMappingNode texts)
        {
            Problem(node.Start, $"'{key}' must give a text per language, e.g. {{ fr: ..., ar: ... }}");
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in texts.Children)
        {
            var language = ((YamlScalarNode)k).Value ?? "";
            if (!Gateway.Conversations.Languages.IsKnown(language)) Problem(k.Start, $"unknown language '{language}' in '{key}'");
            var text = (v as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(text)) Problem(v.Start, $"empty '{language}' text in '{key}'");
            else result[language] = text.Trim();
        }
        return new LocalizedText(result);
    }

    private void CheckFields(YamlMappingNode map, HashSet<string> allowed, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!allowed.Contains(name)) Problem(key.Start, $"unknown field '{name}' in {where} (allowed: {string.Join(", ", allowed)})");
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private string? Scalar(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode s) return string.IsNullOrWhiteSpace(s.Value) ? null : s.Value.Trim();
        Problem(node.Start, $"'{key}' must be a single value");
        return null;
    }

    private string? RequiredScalar(YamlMappingNode map, string key, string where)
    {
        var value = Scalar(map, key);
        if (value is null) Problem(map.Start, $"{where} has no '{key}'");
        return value;
    }

    private List<(string Value, int Line)> Sequence(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null) return [];
        if (node is not YamlSequenceNode seq) { Problem(node.Start, $"'{key}' must be a list"); return []; }
        return seq.Children.OfType<YamlScalarNode>().Where(s => !string.IsNullOrWhiteSpace(s.Value))
            .Select(s => (s.Value!.Trim(), Line(s.Start))).ToList();
    }

    private int? Int(YamlMappingNode map, string key)
    {
        var text = Scalar(map, key);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        Problem(Child(map, key)!.Start, $"'{key}' must be a whole number, not '{text}'");
        return null;
    }

    private TimeSpan? ReadDuration(YamlMappingNode map, string key)
    {
        var text = Scalar(map, key);
        if (text is null) return null;
        var unit = text[^1];
        if (int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (unit)
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        Problem(Child(map, key)!.Start, $"'{key}' must be a duration like 90s, 30m, 24h or 7d, not '{text}'");
        return null;
    }

    private static bool IsIdentifier(string id) =>
        id.Length > 0 && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_') && id[0] is >= 'a' and <= 'z';

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private void Problem(Mark mark, string problem) => Problem(Line(mark), problem);

    private void Problem(int line, string problem) => _problems.Add(new FlowProblem(_file, line, problem));
}
