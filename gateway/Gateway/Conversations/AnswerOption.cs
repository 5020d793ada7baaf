using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// One choice a question offers, as the answer matcher sees it: the value saved, the label shown (every language),
/// and extra words that pick it, already normalised (a declared option's synonyms, a commune's configured keywords).
/// </summary>
public sealed record AnswerOption(string Value, LocalizedText Label, IReadOnlySet<string> Synonyms)
{
    /// <summary>The value as answers are compared, normalised once (declared and commune options are built once).</summary>
    public string NormalizedValue { get; } = TextNormalizer.Normalize(Value);

    public static readonly IReadOnlySet<string> NoSynonyms = new HashSet<string>();

    private IReadOnlySet<string>? _forms;
    private IReadOnlySet<string>? _words;
    private IReadOnlySet<string>? _labelWords;
    private bool? _meaningKnown;
    private bool? _meaning;

    /// <summary>
    /// The value, every label and every synonym, squeezed (<see cref="AnswerWords.Squeeze"/>) and also without articles
    /// ("l'eau" and "eau", "الماء" and "ماء"): what a whole answer is compared with once its extras are gone.
    /// </summary>
    public IReadOnlySet<string> Forms => _forms ??= BuildForms(Label.Normalized.Concat(Synonyms).Append(NormalizedValue));

    /// <summary>The words of 3+ letters of the labels and synonyms (squeezed, without articles): "réunions" picks "Alertes des réunions".</summary>
    public IReadOnlySet<string> Words => _words ??= WordsOf(Forms);

    /// <summary>The words of the labels (and value) alone: they win over a word of another option's synonym ("potable" of "Eau potable").</summary>
    public IReadOnlySet<string> LabelWords => _labelWords ??= WordsOf(BuildForms(Label.Normalized.Append(NormalizedValue)));

    private static HashSet<string> WordsOf(IEnumerable<string> forms) =>
        forms.SelectMany(f => f.Split(' ')).Where(w => w.Length >= 3 && !AnswerWords.IsArticle(w) && AnswerWords.NumberOf(w) is null).ToHashSet(StringComparer.Ordinal);

    /// <summary>Yes (true) or no (false) when the option means one (value "yes"/"no", or a label such as "Oui", "نعم", "Uhu"), else null.</summary>
    public bool? Meaning
    {
        get
        {
            if (_meaningKnown is null)
            {
                _meaning = YesNo.Parse(NormalizedValue) ?? Label.Normalized.Select(LabelMeaning).FirstOrDefault(m => m is not null);
                _meaningKnown = true;
            }
            return _meaning;
        }
    }

    // "Oui", and "Oui, je suis pour" (its first word), mean yes; "Non merci" means no.
    private static bool? LabelMeaning(string label) => YesNo.Parse(label) ?? YesNo.Parse(TextNormalizer.FirstWord(label));

    private static HashSet<string> BuildForms(IEnumerable<string> texts)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (text.Length == 0) continue;
            var squeezed = AnswerWords.Squeeze(text);
            forms.Add(squeezed);
            var content = string.Join(' ', AnswerWords.WithoutArticles(squeezed.Split(' ')));
            if (content.Length > 0) forms.Add(content);
        }
        return forms;
    }
}
