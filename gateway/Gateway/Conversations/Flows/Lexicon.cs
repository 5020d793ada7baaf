using Gateway.Text;
using YamlDotNet.RepresentationModel;

namespace Gateway.Conversations.Flows;

/// <summary>
/// The civic lexicon (<c>flows/_lexicon.yaml</c>): concepts (water, roads, lighting, schools, health…) with the words
/// citizens type for each, per language and script. An option whose label names a concept understands every word of it
/// (<see cref="SynonymsFor"/>): the flow files' options when they are read, and polls (created through the API or the
/// console) when they are created. The matcher's own rules still hold: a word two options share picks neither.
/// </summary>
public sealed class Lexicon
{
    public const string FileName = "_lexicon.yaml";

    /// <summary>The languages and scripts words are grouped by: the text sets, and Darija in Latin letters (which has none).</summary>
    public static readonly IReadOnlyList<string> Languages = ["fr", "ar", "ary-Latn", "zgh", "zgh-Latn"];

    public static readonly Lexicon Empty = new([]);

    /// <summary>One thing citizens name, with its words per language as written in the file.</summary>
    public sealed record Concept(string Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Words, int Line);

    private readonly Dictionary<string, Concept> _byForm = new(StringComparer.Ordinal);

    private Lexicon(IReadOnlyList<Concept> concepts)
    {
        Concepts = concepts;
        foreach (var concept in concepts)
            foreach (var word in concept.Words.Values.SelectMany(w => w))
                _byForm.TryAdd(Form(word), concept);
    }

    public IReadOnlyList<Concept> Concepts { get; }

    /// <summary>A word or label as the lexicon compares them: normalised, squeezed, without articles ("L'eau" → "eau").</summary>
    public static string Form(string text) => string.Join(' ', AnswerWords.WithoutArticles(AnswerWords.Key(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>
    /// The concepts these labels (one option's, in its languages) name: a label that is a concept's word names it, else
    /// each of its words of 3+ letters that is one ("Éclairage public" → lighting; "Terrain de sport" → sport).
    /// </summary>
    public IReadOnlyList<Concept> ConceptsOf(IEnumerable<string> labels)
    {
        var found = new List<Concept>();
        foreach (var label in labels)
        {
            var form = Form(label);
            if (form.Length == 0) continue;
            if (_byForm.TryGetValue(form, out var whole))
            {
                if (!found.Contains(whole)) found.Add(whole);
                continue;
            }
            foreach (var word in form.Split(' '))
                if (word.Length >= 3 && AnswerWords.NumberOf(word) is null && _byForm.TryGetValue(word, out var concept) && !found.Contains(concept))
                    found.Add(concept);
        }
        return found;
    }

    /// <summary>
    /// The words an option with these labels understands beyond them, per language (in <see cref="Languages"/> order),
    /// from every concept the labels name; empty when the lexicon knows none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SynonymsFor(IEnumerable<string> labels)
    {
        var texts = labels.ToList();
        var own = texts.Select(Form).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var concepts = ConceptsOf(texts);
        foreach (var language in Languages)
        {
            var seen = new HashSet<string>(own, StringComparer.Ordinal);
            var words = concepts.SelectMany(c => c.Words.GetValueOrDefault(language) ?? []).Where(w => seen.Add(Form(w))).ToList();
            if (words.Count > 0) result[language] = words;
        }
        return result;
    }

    /// <summary>Reads the lexicon file, with every problem (unknown language, a word of two concepts, a yes/no or number word) and its line.</summary>
    public static (Lexicon? Lexicon, IReadOnlyList<FlowProblem> Problems) Read(string file, string yaml)
    {
        var problems = new List<FlowProblem>();
        const string shape = "the lexicon must be a mapping 'concepts:' of concept → language → words";
        if (YamlFile.Root(file, yaml, shape, out var invalid) is not { } root) return (null, [invalid!]);
        if (!root.Children.TryGetValue(new YamlScalarNode("concepts"), out var node) || node is not YamlMappingNode conceptMap)
            return (null, [new FlowProblem(file, 1, shape)]);

        var concepts = new List<Concept>();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in conceptMap.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            var line = (int)key.Start.Line;
            var words = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (value is not YamlMappingNode languages)
            {
                problems.Add(new(file, line, $"concept '{name}' must give its words per language ({string.Join(", ", Languages)})"));
                continue;
            }
            foreach (var (languageKey, list) in languages.Children)
            {
                var language = ((YamlScalarNode)languageKey).Value ?? "";
                var wordLine = (int)languageKey.Start.Line;
                if (!Languages.Contains(language)) problems.Add(new(file, wordLine, $"concept '{name}': unknown language '{language}' (known: {string.Join(", ", Languages)})"));
                var texts = (list as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(s => (s.Value ?? "").Trim()).Where(s => s.Length > 0).ToList() ?? [];
                foreach (var word in texts)
                {
                    var form = Form(word);
                    if (form.Length == 0) problems.Add(new(file, wordLine, $"concept '{name}': '{word}' has no letters"));
                    else if (YesNo.Parse(form) is not null || AnswerWords.NumberOf(form) is not null)
                        problems.Add(new(file, wordLine, $"concept '{name}': '{word}' is a yes/no or number word, which picks options by itself"));
                    else if (owner.TryGetValue(form, out var other) && other != name)
                        problems.Add(new(file, wordLine, $"concept '{name}': '{word}' is also a word of '{other}' (a word may name one concept only)"));
                    else owner[form] = name;
                }
                words[language] = texts;
            }
            concepts.Add(new Concept(name, words, line));
        }
        // Read even with problems, so that the catalog can add its own (a word that is a command) to the same report.
        return (new Lexicon(concepts), problems);
    }
}
