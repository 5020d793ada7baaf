using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// Finds which option an answer picks, the one matcher of every flow and poll, in every language and script at once:
/// its number (digits of any script, or a number word: "deux", "jouj", "sin", "ⵙⵉⵏ"), its button id, its label or value
/// in any language, a synonym (a commune's configured keywords included), or yes/no words of every language for options
/// that mean yes or no. Around the answer it ignores politeness ("merci", "svp", "شكرا", "tanmmirt"), lead-ins
/// ("option 2", "n°2", "الرقم 2", "rani m3a 2", "2 howa"), articles and elisions ("l'eau"), repeated letters ("ouiii") and
/// one typo in a label of 5+ letters ("rouets"). A question ("chno hada?", "ما هذا؟") or yes and no at once ("safi ou
/// non") picks nothing.
/// </summary>
/// <remarks>
/// Where the question also takes free text (a place, a description), only the whole answer counts (<c>loose: false</c>):
/// "Douar 2" is a place, not option 2.
/// </remarks>
public static class AnswerMatcher
{
    /// <returns>The 0-based option index, or -1.</returns>
    public static int Match(IReadOnlyList<AnswerOption> options, string normalized, bool loose = true)
    {
        if (options.Count == 0 || normalized.Length == 0) return -1;
        if (TextNormalizer.TryReadNumber(normalized, out var number)) return InRange(options, number);

        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option.NormalizedValue == normalized || option.Label.Normalized.Contains(normalized)) return i;
        }
        // A synonym of two options ("lma" when two options are about water) picks neither: the question is asked again.
        var holders = 0;
        var held = -1;
        for (var i = 0; i < options.Count; i++)
            if (options[i].Synonyms.Contains(normalized)) (holders, held) = (holders + 1, i);
        if (holders > 0) return holders == 1 ? held : -1;

        var squeezed = AnswerWords.Squeeze(normalized);
        if (ByMeaning(options, squeezed) is { } whole) return whole;
        var tokens = squeezed.Split(' ');
        // "nn merci": the polite words go before the lead-ins, so that "nn" (squeezed "n", also the "n" of "n°2") stays a no.
        if (ByMeaning(options, string.Join(' ', AnswerWords.WithoutPoliteness(tokens))) is { } polite) return polite;
        // "chno hada?", "ما هذا؟", "c'est quoi ?": a question asks, it does not choose (even when a word of it is an option's).
        if (AnswerWords.AsksSomething(tokens)) return -1;

        var cleaned = AnswerWords.WithoutExtras(tokens);
        if (cleaned.Count == 0) return -1; // only "merci": nothing was chosen
        // "safi ou non", "mzyan wla la": yes and no at once choose nothing.
        if (SaysBoth(cleaned)) return -1;
        var cleanedText = string.Join(' ', cleaned);
        if (ByMeaning(options, cleanedText) is { } meant) return meant;
        if (ByForm(options, cleanedText) is { } exact) return exact;
        var content = AnswerWords.WithoutArticles(cleaned);
        var contentText = string.Join(' ', content);
        if (contentText.Length > 0 && ByForm(options, contentText) is { } bare) return bare;
        if (!loose) return -1;

        if (ByLeadingMeaning(options, cleaned) is { } leading) return leading;
        if (ByNumber(options, cleaned) is { } numbered) return numbered;
        if (contentText.Length >= 5 && ByTypo(options, contentText) is { } typo) return typo;
        if (content.Count is > 0 and <= 3 && ByWord(options, content) is { } word) return word;
        return -1;
    }

    private static int InRange(IReadOnlyList<AnswerOption> options, int number) => number >= 1 && number <= options.Count ? number - 1 : -1;

    /// <summary>A yes/no word picks the one option meaning the same; with none or several, it picks nothing.</summary>
    private static int? ByMeaning(IReadOnlyList<AnswerOption> options, string text)
    {
        if (YesNo.Parse(text) is not { } yes) return null;
        return Single(options, o => o.Meaning == yes);
    }

    /// <summary>"Oui je suis pour", "non je ne veux pas": a yes/no word first, and none of the other meaning after it.</summary>
    private static int? ByLeadingMeaning(IReadOnlyList<AnswerOption> options, List<string> cleaned)
    {
        // "la" is also an article ("la route"): only a whole "la" says no.
        if (cleaned.Count < 2 || AnswerWords.IsArticle(cleaned[0]) || YesNo.Parse(cleaned[0]) is not { } yes) return null;
        if (cleaned.Skip(1).Any(t => YesNo.Parse(t) == !yes)) return null;
        return Single(options, o => o.Meaning == yes);
    }

    private static bool SaysBoth(List<string> cleaned)
    {
        bool yes = false, no = false;
        foreach (var token in cleaned)
        {
            // "la" is also an article ("oui, la route"): it does not say no inside a longer answer.
            if (AnswerWords.IsArticle(token) || YesNo.Parse(token) is not { } meaning) continue;
            if (meaning) yes = true;
            else no = true;
        }
        return yes && no;
    }

    private static int? ByForm(IReadOnlyList<AnswerOption> options, string text) => Single(options, o => o.Forms.Contains(text));

    /// <summary>
    /// One number (digits or a number word) with little else: the other words may only be articles or words of the
    /// option it names ("٢ الماء", "2 l'eau"). "2 ou 3" and "Douar 2 près de l'école" pick nothing.
    /// </summary>
    private static int? ByNumber(IReadOnlyList<AnswerOption> options, List<string> cleaned)
    {
        int? found = null;
        var others = new List<string>();
        for (var i = 0; i < cleaned.Count; i++)
        {
            var token = cleaned[i];
            // "les deux", "tous les trois": several options, not one.
            if (token is "les" or "tous" or "toutes" && i + 1 < cleaned.Count && AnswerWords.NumberOf(cleaned[i + 1]) is not null) return null;
            if (AnswerWords.NumberOf(token) is { } n && !(AnswerWords.IsArticle(token) && cleaned.Count > 1))
            {
                if (found is not null && found != n) return null;
                found = n;
            }
            else if (!AnswerWords.IsArticle(token)) others.Add(token.Length >= 4 && token.StartsWith("ال", StringComparison.Ordinal) ? token[2..] : token);
        }
        if (found is not { } number) return null;
        var index = InRange(options, number);
        if (index < 0) return null;
        var option = options[index];
        return others.All(w => option.Words.Contains(w) || option.Forms.Contains(w)) ? index : null;
    }

    /// <summary>One edit away from a label, value or synonym of 5+ letters, and from one option only.</summary>
    private static int? ByTypo(IReadOnlyList<AnswerOption> options, string text) =>
        Single(options, o => o.Forms.Any(f => f.Length >= 5 && Fuzzy.IsKeywordMatch(text, f)));

    /// <summary>A few words, one of which (3+ letters, or 5+ with one typo) is a word of exactly one option's label.</summary>
    private static int? ByWord(IReadOnlyList<AnswerOption> options, List<string> content)
    {
        int? found = null;
        foreach (var word in content)
        {
            if (word.Length < 3) continue;
            var hit = Single(options, o => o.LabelWords.Contains(word)) ?? Single(options, o => o.Words.Contains(word))
                ?? (word.Length >= 5 ? Single(options, o => o.Words.Any(w => Fuzzy.IsKeywordMatch(word, w))) : null);
            if (hit is null) continue;
            if (found is not null && found != hit) return null;
            found = hit;
        }
        // "sbitar w madrasa": two things named, one of them no option's: not a choice of this one.
        if (found is { } chosen && content.Any(AnswerWords.IsConjunction)
            && content.Any(w => w.Length >= 3 && !AnswerWords.IsConjunction(w) && !options[chosen].Words.Contains(w))) return null;
        return found;
    }

    private static int? Single(IReadOnlyList<AnswerOption> options, Func<AnswerOption, bool> picks)
    {
        int? found = null;
        for (var i = 0; i < options.Count; i++)
        {
            if (!picks(options[i])) continue;
            if (found is not null) return null;
            found = i;
        }
        return found;
    }
}
