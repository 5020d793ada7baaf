using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// One choice a question offers, as the answer matcher sees it: the value saved, the label shown (every language),
/// and extra words that pick it, already normalised (a declared option's synonyms, a commune's configured keywords).
/// </summary>
public sealed record AnswerOption(string Value, LocalizedText Label, IReadOnlySet<string> Synonyms)
{
    /// <summary>The value as answers are compared, normalised once (declared and commune options are built once).</summary>
    public string NormalizedValue { get; } = Text.TextNormalizer.Normalize(Value);

    public static readonly IReadOnlySet<string> NoSynonyms = new HashSet<string>();
}
