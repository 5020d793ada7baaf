using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// Finds which option an answer picks, in every language and script at once: its number (digits of any script),
/// its button id, its label or value in any language, a synonym (a commune's configured keywords included), or yes/no
/// words (Arabizi included) for yes/no options.
/// </summary>
public static class AnswerMatcher
{
    /// <returns>The 0-based option index, or -1.</returns>
    public static int Match(IReadOnlyList<AnswerOption> options, string normalized)
    {
        if (options.Count == 0 || normalized.Length == 0) return -1;
        if (TextNormalizer.TryReadNumber(normalized, out var number))
            return number >= 1 && number <= options.Count ? number - 1 : -1;

        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option.NormalizedValue == normalized || option.Label.Normalized.Contains(normalized) || option.Synonyms.Contains(normalized)) return i;
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
