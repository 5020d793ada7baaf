using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// Finds which option an answer picks, in every language and script at once: its number (digits of any script),
/// its button id, its label or value in any language, a synonym, or yes/no words (Arabizi included) for yes/no options.
/// </summary>
public static class AnswerMatcher
{
    /// <returns>The 0-based option index, or -1.</returns>
    public static int Match(IReadOnlyList<(string Value, LocalizedText Label)> options, string normalized, IReadOnlyList<FlowOption>? declared = null)
    {
        if (options.Count == 0 || normalized.Length == 0) return -1;
        if (TextNormalizer.TryReadNumber(normalized, out var number))
            return number >= 1 && number <= options.Count ? number - 1 : -1;

        for (var i = 0; i < options.Count; i++)
        {
            var (value, label) = options[i];
            if (TextNormalizer.Normalize(value) == normalized || label.Normalized.Contains(normalized)) return i;
            if (declared is not null && i < declared.Count)
                foreach (var synonym in declared[i].Synonyms)
                    if (TextNormalizer.Normalize(synonym) == normalized) return i;
        }

        if (YesNo.Parse(normalized) is { } yes)
        {
            var wanted = yes ? "yes" : "no";
            for (var i = 0; i < options.Count; i++)
                if (options[i].Value == wanted) return i;
        }
        return -1;
    }
}
