using Gateway.Text;

namespace Gateway.Conversations.Flows;

/// <summary>
/// Every flow of the gateway, loaded and validated once at start-up, with the keyword index.
/// A bad file stops start-up with a <see cref="FlowFileException"/> naming file, line and problem.
/// </summary>
public sealed class FlowCatalog
{
    private readonly Dictionary<string, FlowDefinition> _flows;
    private readonly Dictionary<string, FlowDefinition> _keywords;

    private FlowCatalog(SystemTexts system, Lexicon lexicon, Dictionary<string, FlowDefinition> flows, Dictionary<string, FlowDefinition> keywords)
    {
        System = system;
        Lexicon = lexicon;
        _flows = flows;
        _keywords = keywords;
    }

    public SystemTexts System { get; }

    /// <summary>The civic lexicon (<c>_lexicon.yaml</c>; empty without one): the flows' options already carry its words, polls take them when created.</summary>
    public Lexicon Lexicon { get; }

    public IReadOnlyCollection<FlowDefinition> Flows => _flows.Values;

    public FlowDefinition? Find(string id) => _flows.GetValueOrDefault(id);

    /// <summary>The flow a normalised word starts: exact keyword, else one typo tolerated for keywords of 5+ letters.</summary>
    public FlowDefinition? MatchKeyword(string normalizedWord)
    {
        if (normalizedWord.Length == 0) return null;
        if (_keywords.TryGetValue(normalizedWord, out var flow)) return flow;
        foreach (var (keyword, candidate) in _keywords)
            if (Fuzzy.IsKeywordMatch(normalizedWord, keyword)) return candidate;
        return null;
    }

    /// <summary>Every keyword (normalised) already taken by a flow or a global command: polls must not reuse them.</summary>
    public bool IsReservedWord(string normalizedWord) =>
        _keywords.ContainsKey(normalizedWord) || System.CommandOf(normalizedWord) is not null;

    /// <summary>Throws a <see cref="FlowFileException"/> naming file, line and problem for every action or source <paramref name="vocabulary"/> does not know.</summary>
    public void Check(FlowVocabulary vocabulary)
    {
        var problems = _flows.Values.OrderBy(f => f.File, StringComparer.Ordinal).SelectMany(f => FlowValidator.CheckNames(f, vocabulary)).ToList();
        if (problems.Count > 0) throw new FlowFileException(problems);
    }

    /// <summary>
    /// Loads <c>_system.yaml</c> and every other <c>*.yaml</c> of <paramref name="directory"/>, checking actions and
    /// <c>options_from</c> sources against <paramref name="vocabulary"/>; null leaves them to <see cref="Check"/> (the
    /// gateway's start-up load, before every feature has registered its own: see <see cref="FlowVocabularyCheck"/>).
    /// </summary>
    public static FlowCatalog Load(string directory, FlowVocabulary? vocabulary = null)
    {
        if (!Directory.Exists(directory))
            throw new FlowFileException([new FlowProblem(directory, 0, "flow directory not found (set Gateway:FlowsPath)")]);
        var files = Directory.GetFiles(directory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Name: Path.GetRelativePath(Path.GetDirectoryName(directory.TrimEnd('/', '\\')) ?? directory, f), Text: File.ReadAllText(f)));
        return Load(files, vocabulary);
    }

    /// <summary>
    /// Loads flows from (file name, YAML) pairs; the one named <c>_system.yaml</c> holds commands and messages, the one
    /// named <c>_lexicon.yaml</c> (optional) the civic lexicon every option's label is looked up in. Actions and
    /// sources are checked against <paramref name="vocabulary"/>, or left to <see cref="Check"/> when null.
    /// </summary>
    public static FlowCatalog Load(IEnumerable<(string Name, string Yaml)> files, FlowVocabulary? vocabulary = null)
    {
        var problems = new List<FlowProblem>();
        SystemTexts? system = null;
        var all = files.ToList();
        var lexicon = Lexicon.Empty;
        var lexiconFile = Lexicon.FileName;
        foreach (var (name, yaml) in all.Where(f => Path.GetFileName(f.Name) == Lexicon.FileName))
        {
            var (read, lexiconProblems) = Lexicon.Read(name, yaml);
            problems.AddRange(lexiconProblems);
            (lexicon, lexiconFile) = (read ?? lexicon, name);
        }
        var flows = new Dictionary<string, FlowDefinition>(StringComparer.Ordinal);
        foreach (var (name, yaml) in all)
        {
            if (Path.GetFileName(name) == Lexicon.FileName) continue;
            if (Path.GetFileName(name) == SystemTexts.FileName)
            {
                var (texts, systemProblems) = SystemTexts.Read(name, yaml);
                problems.AddRange(systemProblems);
                system = texts;
                continue;
            }
            var (flow, readProblems) = FlowYamlReader.Read(name, yaml, lexicon);
            problems.AddRange(readProblems);
            if (flow is null) continue;
            problems.AddRange(FlowValidator.Validate(flow, vocabulary));
            if (!flows.TryAdd(flow.Id, flow))
                problems.Add(new FlowProblem(name, 1, $"flow id '{flow.Id}' is already used by {flows[flow.Id].File}"));
        }
        if (system is null && problems.All(p => Path.GetFileName(p.File) != SystemTexts.FileName))
            problems.Add(new FlowProblem(SystemTexts.FileName, 0, "the system file (global commands and messages) is missing"));

        var keywords = new Dictionary<string, FlowDefinition>(StringComparer.Ordinal);
        foreach (var flow in flows.Values)
        {
            foreach (var keyword in flow.Keywords)
            {
                var normalized = TextNormalizer.Normalize(keyword);
                if (normalized.Contains(' ')) problems.Add(new(flow.File, 1, $"keyword '{keyword}' must be a single word"));
                else if (system?.CommandOf(normalized) is { } command)
                    problems.Add(new(flow.File, 1, $"keyword '{keyword}' is a global command ({command}) and cannot start a flow"));
                else if (keywords.TryGetValue(normalized, out var other) && other != flow)
                    problems.Add(new(flow.File, 1, $"duplicate keyword '{keyword}': already used by flow '{other.Id}' ({other.File})"));
                else keywords[normalized] = flow;
            }
            foreach (var node in flow.Nodes.Values)
                foreach (var (target, line) in FlowValidator.Targets(node))
                    if (target.StartsWith('@') && !flows.ContainsKey(target[1..]))
                        problems.Add(new(flow.File, line, $"node '{node.Id}' jumps to unknown flow '{target[1..]}'"));
            foreach (var node in flow.Nodes.Values)
                if (node.Then is { } then && (!flows.ContainsKey(then) || then == flow.Id))
                    problems.Add(new(flow.File, node.Line, then == flow.Id
                        ? $"node '{node.Id}' goes on with its own flow '{then}' (then): it would never end"
                        : $"node '{node.Id}' goes on with unknown flow '{then}' (then)"));
        }
        // A lexicon word that is a global command would never reach the option it names.
        foreach (var concept in lexicon.Concepts)
            foreach (var word in concept.Words.Values.SelectMany(w => w))
                if (system?.CommandOf(TextNormalizer.Normalize(word)) is { } command)
                    problems.Add(new(lexiconFile, concept.Line, $"concept '{concept.Name}': '{word}' is a global command ({command})"));
        if (problems.Count > 0) throw new FlowFileException(problems);
        return new FlowCatalog(system!, lexicon, flows, keywords);
    }
}
