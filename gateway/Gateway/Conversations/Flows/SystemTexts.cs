using YamlDotNet.RepresentationModel;
using Gateway.Text;

namespace Gateway.Conversations.Flows;

/// <summary>
/// The words of the global commands (STOP, START, HELP, LANG, MENU in every language) and the texts the
/// engine says outside any flow (confirmations, help, unknown keyword, expired session...).
/// Loaded from <c>flows/_system.yaml</c> so translators find every text in one place.
/// </summary>
public sealed class SystemTexts
{
    public const string FileName = "_system.yaml";

    /// <summary>Messages every language must have, named in the file under <c>messages:</c>.</summary>
    public static readonly IReadOnlyList<string> RequiredMessages =
    [
        "welcome", "stop_confirmed", "start_confirmed", "already_subscribed", "help", "unknown", "expired",
        "invalid", "invalid_year", "too_short", "too_long", "giveup", "report_offer",
        "feedback_status_received", "feedback_status_in_progress", "feedback_status_resolved", "feedback_status_rejected",
    ];

    public static readonly IReadOnlyList<string> CommandNames = ["stop", "start", "help", "lang", "menu"];

    /// <summary>Command name → its words, normalised.</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<string>> Commands { get; init; }

    public required IReadOnlyDictionary<string, LocalizedText> Messages { get; init; }

    public LocalizedText this[string message] => Messages[message];

    /// <summary>
    /// The global command <paramref name="normalizedText"/> is, if it is one. The whole message must be the command, give or
    /// take politeness ("STOP merci") and repeated letters ("STOPP", "stooop"): a false opt-out is worse than a missed one,
    /// so no typo is forgiven, no command is found inside a sentence, and short words ("bedd") must be written as they are.
    /// </summary>
    public string? CommandOf(string normalizedText)
    {
        foreach (var (name, words) in Commands)
            if (words.Contains(normalizedText)) return name;

        // "وقف شكرا", "bedd merci": a command word as written, with politeness around it.
        if (normalizedText.Contains(' '))
        {
            var polite = string.Join(' ', Text.AnswerWords.WithoutPoliteness(normalizedText.Split(' ')));
            foreach (var (name, words) in Commands)
                if (polite.Length > 0 && words.Contains(polite)) return name;
        }

        var squeezed = string.Join(' ', Text.AnswerWords.WithoutPoliteness(Text.AnswerWords.Squeeze(normalizedText).Split(' ')));
        if (squeezed.Length < MinimumSqueezedLength) return null;
        foreach (var (name, words) in SqueezedCommands)
            if (words.Contains(squeezed)) return name;
        return null;
    }

    // Squeezing makes "bedd" "bed" and "7bes" stays: only words still 4+ letters long once squeezed are matched that way.
    private const int MinimumSqueezedLength = 4;

    private IReadOnlyDictionary<string, HashSet<string>>? _squeezed;

    private IReadOnlyDictionary<string, HashSet<string>> SqueezedCommands => _squeezed ??= Commands.ToDictionary(
        c => c.Key,
        c => c.Value.Select(Text.AnswerWords.Squeeze).Where(w => w.Length >= MinimumSqueezedLength).ToHashSet(StringComparer.Ordinal),
        StringComparer.Ordinal);

    public static (SystemTexts? Texts, IReadOnlyList<FlowProblem> Problems) Read(string file, string yaml)
    {
        var problems = new List<FlowProblem>();
        if (YamlFile.Root(file, yaml, "the system file must be a mapping with 'commands' and 'messages'", out var invalid) is not { } root)
            return (null, [invalid!]);

        var commands = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("commands"), out var c) && c is YamlMappingNode commandMap)
        {
            foreach (var (key, value) in commandMap.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                if (!CommandNames.Contains(name)) problems.Add(new(file, (int)key.Start.Line, $"unknown command '{name}' (known: {string.Join(", ", CommandNames)})"));
                var words = (value as YamlSequenceNode)?.Children.OfType<YamlScalarNode>()
                    .Select(s => Text.TextNormalizer.Normalize(s.Value)).Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal) ?? [];
                commands[name] = words;
            }
        }
        foreach (var name in CommandNames.Where(n => !commands.ContainsKey(n)))
            problems.Add(new(file, 1, $"command '{name}' has no words"));

        var messages = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("messages"), out var m) && m is YamlMappingNode messageMap)
        {
            foreach (var (key, value) in messageMap.Children)
            {
                var name = ((YamlScalarNode)key).Value ?? "";
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                if (value is YamlMappingNode textMap)
                    foreach (var (lang, text) in textMap.Children)
                        texts[((YamlScalarNode)lang).Value ?? ""] = ((text as YamlScalarNode)?.Value ?? "").Trim();
                foreach (var language in Languages.Core.Where(l => !texts.ContainsKey(l) || texts[l].Length == 0))
                    problems.Add(new(file, (int)key.Start.Line, $"message '{name}' has no '{language}' translation"));
                messages[name] = new LocalizedText(texts);
            }
        }
        foreach (var name in RequiredMessages.Where(n => !messages.ContainsKey(n)))
            problems.Add(new(file, 1, $"message '{name}' is missing"));

        return problems.Count > 0 ? (null, problems) : (new SystemTexts { Commands = commands, Messages = messages }, problems);
    }
}
