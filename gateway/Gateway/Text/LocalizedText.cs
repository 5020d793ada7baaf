namespace Gateway.Text;

/// <summary>One text in several languages (code → text), resolved through a fallback chain.</summary>
public sealed class LocalizedText(IReadOnlyDictionary<string, string> texts)
{
    public static readonly LocalizedText Empty = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Texts { get; } = texts;

    public bool IsEmpty => Texts.Count == 0;

    private IReadOnlySet<string>? _normalized;

    /// <summary>Every language's text, normalised once (answers are matched against all of them on every message).</summary>
    public IReadOnlySet<string> Normalized => _normalized ??= Texts.Values.Select(Text.TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);

    /// <summary>The text in the first language of <paramref name="chain"/> that has one, with the language it is in.</summary>
    public (string Text, string Language) Resolve(IReadOnlyList<string> chain)
    {
        foreach (var language in chain)
            if (Texts.TryGetValue(language, out var text)) return (text, language);
        var first = Texts.First();
        return (first.Value, first.Key);
    }

    public static LocalizedText Of(params (string Language, string Text)[] texts) =>
        new(texts.ToDictionary(t => t.Language, t => t.Text, StringComparer.Ordinal));
}
