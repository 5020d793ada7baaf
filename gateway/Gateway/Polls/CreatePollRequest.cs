using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Text;
using Gateway.OpenApi;

namespace Gateway.Polls;

/// <summary>The body of <c>POST /api/polls</c>. Texts are objects keyed by language: <c>{"fr": "...", "ar": "..."}</c>.</summary>
/// <param name="OpensAt">Default: now.</param>
/// <param name="AllowChange">True: a later vote replaces the earlier one. False (default): it is refused politely.</param>
/// <param name="PublishResults">True (default): a vote after the close is answered with the results.</param>
/// <param name="Announce">True: announce the poll to the commune's subscribers (<see cref="IPollAnnouncer"/>).</param>
/// <param name="AnnounceSegment">With <c>announce</c>: invite only the subscribers whose profile is in this segment
/// (<c>{"ageBands": ["15-17", "18-24", "25-34"]}</c>); one under <c>Profiles:SuppressionThreshold</c> is refused and no poll is created.</param>
/// <param name="Synonyms">
/// Per option (in order), other words that pick it, per language (<c>fr</c>, <c>ar</c>, <c>ary-Latn</c> for Darija in
/// Latin letters, <c>zgh</c>, <c>zgh-Latn</c>): <c>[{"ary-Latn": ["lma"]}, null]</c>. An option left out or null gets
/// the civic lexicon's words for its labels (<c>flows/_lexicon.yaml</c>); one given gets exactly those.
/// </param>
/// <param name="Audience">
/// Who the poll is for, e.g. <c>{"ageBands": ["15-17", "18-24", "25-34"]}</c>: age bands of <c>Profiles:AgeBands</c>,
/// genders (<c>woman</c>, <c>man</c>, <c>unstated</c>), place ids of the commune; an empty list means everyone on that
/// count, null everyone. A voter whose profile lacks the answer is asked it before the vote is counted; votes from outside
/// the audience are counted apart (<c>outside</c> in the results).
/// </param>
[OpenApiShape("commune", "keyword", "question", "options", "closesAt", Example = """
    {
      "commune": "agadir",
      "keyword": "PROJET",
      "question": { "fr": "Quel projet pour le quartier ?", "ar": "ما هو المشروع الذي تفضلونه للحي؟" },
      "options": [ { "fr": "Un parc", "ar": "حديقة" }, { "fr": "Un terrain de sport", "ar": "ملعب رياضي" } ],
      "closesAt": "2026-12-31T18:00:00+01:00",
      "allowChange": false,
      "announce": true
    }
    """)]
public sealed record CreatePollRequest(
    string? Commune,
    string? Keyword,
    Dictionary<string, string>? Question,
    List<Dictionary<string, string>>? Options,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    bool? AllowChange,
    bool? PublishResults,
    bool? Announce,
    List<Dictionary<string, List<string>>?>? Synonyms = null,
    Profiles.Segments.AudienceSegment? AnnounceSegment = null,
    Audience.PollAudience? Audience = null)
{
    public const int MinOptions = 2, MaxOptions = 9;
    public const int MaxQuestionLength = 300, MaxOptionLength = 60, MaxKeywordLength = 20;
    public const int MaxSynonymsPerOption = 40, MaxSynonymLength = 40;

    /// <summary>Problems per field (empty when valid). The commune's existence is checked here; who may touch it is not.</summary>
    public Dictionary<string, string[]> Validate(CommuneRegistry communes, DateTimeOffset now)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string problem)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(problem);
        }

        if (string.IsNullOrWhiteSpace(Commune)) Add("commune", "The commune is required.");
        else if (communes.Find(Commune) is null) Add("commune", $"Unknown commune '{Commune}'.");

        var keyword = TextNormalizer.Normalize(Keyword);
        if (keyword.Length == 0) Add("keyword", "The keyword is required.");
        else if (keyword.Contains(' ')) Add("keyword", "The keyword must be a single word.");
        else if (keyword.Length < 2 || keyword.Length > MaxKeywordLength) Add("keyword", $"The keyword must have 2 to {MaxKeywordLength} characters.");
        else if (TextNormalizer.TryReadNumber(keyword, out _)) Add("keyword", "The keyword cannot be a number: numbers answer questions.");

        CheckTexts("question", Question, MaxQuestionLength, Add);

        if (Options is null || Options.Count < MinOptions || Options.Count > MaxOptions)
            Add("options", $"Give {MinOptions} to {MaxOptions} options.");
        else
        {
            for (var i = 0; i < Options.Count; i++) CheckTexts($"options[{i}]", Options[i], MaxOptionLength, Add);
            // Voters may answer with an option's text in any language: two options must not share one.
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Options.Count; i++)
                foreach (var text in Options[i]?.Values ?? Enumerable.Empty<string>())
                    if (TextNormalizer.Normalize(text) is { Length: > 0 } normalized && !seen.TryAdd(normalized, i) && seen[normalized] != i)
                        Add($"options[{i}]", $"'{text}' is also the text of option {seen[normalized] + 1}.");
        }

        CheckSynonyms(Add);

        if (ClosesAt is null) Add("closesAt", "The closing time is required.");
        else if (ClosesAt <= now) Add("closesAt", "The closing time must be in the future.");
        else if (ClosesAt <= (OpensAt ?? now)) Add("closesAt", "The closing time must come after the opening time.");

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Languages known, words short and few, and none the text of another option (that word would pick neither).</summary>
    private void CheckSynonyms(Action<string, string> add)
    {
        if (Synonyms is null) return;
        if (Options is null || Synonyms.Count > Options.Count)
        {
            add("synonyms", "Give at most one entry of synonyms per option.");
            return;
        }
        for (var i = 0; i < Synonyms.Count; i++)
        {
            if (Synonyms[i] is not { } byLanguage) continue;
            var field = $"synonyms[{i}]";
            foreach (var (language, words) in byLanguage)
            {
                if (!Lexicon.Languages.Contains(language)) add(field, $"Unknown language '{language}' (use {string.Join(", ", Lexicon.Languages)}).");
                foreach (var word in words ?? [])
                {
                    if (string.IsNullOrWhiteSpace(word) || word.Length > MaxSynonymLength) add(field, $"A synonym must have 1 to {MaxSynonymLength} characters.");
                    else if (OptionOf(TextNormalizer.Normalize(word)) is { } other && other != i) add(field, $"'{word.Trim()}' is the text of option {other + 1}.");
                }
            }
            if (byLanguage.Values.Sum(w => w?.Count ?? 0) > MaxSynonymsPerOption) add(field, $"Give at most {MaxSynonymsPerOption} synonyms per option.");
        }
    }

    private int? OptionOf(string normalized)
    {
        for (var i = 0; i < Options!.Count; i++)
            if (Options[i]?.Values.Any(t => TextNormalizer.Normalize(t) == normalized) == true) return i;
        return null;
    }

    private static void CheckTexts(string field, Dictionary<string, string>? texts, int maxLength, Action<string, string> add)
    {
        if (texts is null || texts.Count == 0 || texts.Values.All(string.IsNullOrWhiteSpace))
        {
            add(field, "Give the text in at least one language (fr, ar, zgh, zgh-Latn).");
            return;
        }
        foreach (var (language, text) in texts)
        {
            if (!Languages.IsKnown(language)) add(field, $"Unknown language '{language}' (use fr, ar, zgh, zgh-Latn).");
            else if (string.IsNullOrWhiteSpace(text)) add(field, $"The '{language}' text is empty.");
            else if (text.Length > maxLength) add(field, $"The '{language}' text is longer than {maxLength} characters.");
        }
    }

    /// <summary>The definition to store (call only when <see cref="Validate"/> found nothing), synonyms resolved with <paramref name="lexicon"/>.</summary>
    public PollDefinition ToDefinition(string id, string commune, DateTimeOffset now, string createdBy, Lexicon lexicon) => new(
        id,
        commune,
        Keyword!.Trim(),
        TextNormalizer.Normalize(Keyword),
        Trimmed(Question!),
        Options!.Select(Trimmed).ToList(),
        OpensAt ?? now,
        ClosesAt!.Value,
        AllowChange ?? false,
        PublishResults ?? true,
        now,
        createdBy,
        Options!.Select((texts, i) => ChosenSynonyms(i) ?? lexicon.SynonymsFor(texts.Values)).ToList(),
        Audience?.Normalized());

    /// <summary>The synonyms the author chose for option <paramref name="index"/>, trimmed and without repeats; null when they chose none.</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? ChosenSynonyms(int index) =>
        Synonyms is { } all && index < all.Count && all[index] is { } chosen
            ? chosen.Where(c => c.Value is { Count: > 0 }).ToDictionary(
                c => c.Key,
                c => (IReadOnlyList<string>)c.Value.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
                StringComparer.Ordinal)
            : null;

    private static IReadOnlyDictionary<string, string> Trimmed(Dictionary<string, string> texts) =>
        texts.ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal);
}
