using Gateway.Alerts.Sending;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Polls;

namespace Gateway.Components.Pages.Polls;

/// <summary>The poll form as posted: one question and one list of options (a line each) per language.</summary>
public sealed class PollForm
{
    /// <summary>Read from a posted form whose fields are named <c>Form.Property</c> (as the page's inputs are).</summary>
    public static PollForm From(IFormCollection form) => new()
    {
        Keyword = form["Form.Keyword"].FirstOrDefault(),
        QuestionFr = form["Form.QuestionFr"].FirstOrDefault(),
        QuestionAr = form["Form.QuestionAr"].FirstOrDefault(),
        QuestionZgh = form["Form.QuestionZgh"].FirstOrDefault(),
        QuestionZghLatn = form["Form.QuestionZghLatn"].FirstOrDefault(),
        OptionsFr = form["Form.OptionsFr"].FirstOrDefault(),
        OptionsAr = form["Form.OptionsAr"].FirstOrDefault(),
        OptionsZgh = form["Form.OptionsZgh"].FirstOrDefault(),
        OptionsZghLatn = form["Form.OptionsZghLatn"].FirstOrDefault(),
        ClosesAt = form["Form.ClosesAt"].FirstOrDefault(),
        AllowChange = form["Form.AllowChange"].Any(v => v == "true"),
        Invite = form["Form.Invite"].FirstOrDefault(),
        SynonymsFr = form["Form.SynonymsFr"].FirstOrDefault(),
        SynonymsAr = form["Form.SynonymsAr"].FirstOrDefault(),
        SynonymsAryLatn = form["Form.SynonymsAryLatn"].FirstOrDefault(),
        SynonymsZgh = form["Form.SynonymsZgh"].FirstOrDefault(),
        SynonymsZghLatn = form["Form.SynonymsZghLatn"].FirstOrDefault(),
    };

    private static List<string> Checked(Microsoft.Extensions.Primitives.StringValues values) =>
        [.. values.OfType<string>().Where(v => v.Length > 0)];

    public string? Keyword { get; set; }
    public string? QuestionFr { get; set; }
    public string? QuestionAr { get; set; }
    public string? QuestionZgh { get; set; }
    public string? QuestionZghLatn { get; set; }
    public string? OptionsFr { get; set; }
    public string? OptionsAr { get; set; }
    public string? OptionsZgh { get; set; }
    public string? OptionsZghLatn { get; set; }

    /// <summary>Local time (Africa/Casablanca), as an &lt;input type="datetime-local"&gt; sends it.</summary>
    public string? ClosesAt { get; set; }

    public bool AllowChange { get; set; }

    /// <summary>Who is invited to vote by message: <see cref="InviteNobody"/> (default), <see cref="InviteAll"/> the
    /// commune's subscribers, <see cref="InviteAudience"/> only those whose profile is in the poll's audience (a segment).</summary>
    public string? Invite { get; set; }

    public const string InviteNobody = "none", InviteAll = "all", InviteAudience = "audience";

    // The audience's checkboxes (issue 24): each checked value; none checked in a group = everyone on that count. Posted
    // outside "Form." (a group of boxes repeats one name, which the component's form binding does not take as a list).
    public List<string>? AudienceAgeBands { get; set; } = [];
    public List<string>? AudienceGenders { get; set; } = [];
    public List<string>? AudiencePlaces { get; set; } = [];

    /// <summary>Reads the checkboxes from the posted form itself (a group of boxes posts one name several times).</summary>
    public void TakeAudience(IFormCollection form)
    {
        AudienceAgeBands = Checked(form["AudienceAgeBands"]);
        AudienceGenders = Checked(form["AudienceGenders"]);
        AudiencePlaces = Checked(form["AudiencePlaces"]);
    }

    /// <summary>The audience checked, or null for everyone.</summary>
    public Gateway.Polls.Audience.PollAudience? Audience() =>
        new Gateway.Polls.Audience.PollAudience(AudienceAgeBands, AudienceGenders, AudiencePlaces).Normalized();

    /// <summary>The invitation's segment: the audience's own groups when only the audience is invited; null for everyone.</summary>
    public Gateway.Profiles.Segments.AudienceSegment? InvitationSegment() =>
        Invite == InviteAudience && Audience() is { } audience
            ? new Gateway.Profiles.Segments.AudienceSegment(audience.Genders?.ToList(), audience.AgeBands?.ToList(), audience.Places?.ToList())
            : null;


    // The author's changes to each option's other words, per language of Lexicon.Languages: line n for option n, words
    // separated by commas; a word adds, "-word" takes away one the lexicon would give. An empty line keeps the lexicon's.
    public string? SynonymsFr { get; set; }
    public string? SynonymsAr { get; set; }
    public string? SynonymsAryLatn { get; set; }
    public string? SynonymsZgh { get; set; }
    public string? SynonymsZghLatn { get; set; }

    /// <summary>The changes typed for <paramref name="language"/> (a language of <see cref="Lexicon.Languages"/>).</summary>
    public string? SynonymsIn(string language) => language switch
    {
        Languages.French => SynonymsFr,
        Languages.Arabic => SynonymsAr,
        Languages.Tifinagh => SynonymsZgh,
        Languages.AmazighLatin => SynonymsZghLatn,
        _ => SynonymsAryLatn,
    };

    public IEnumerable<(string Language, string? Question, string? Options)> PerLanguage =>
    [
        (Languages.French, QuestionFr, OptionsFr),
        (Languages.Arabic, QuestionAr, OptionsAr),
        (Languages.Tifinagh, QuestionZgh, OptionsZgh),
        (Languages.AmazighLatin, QuestionZghLatn, OptionsZghLatn),
    ];

    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>The languages with a question or options: the ones the poll is written in.</summary>
    public IReadOnlyList<string> Written => PerLanguage.Where(p => !string.IsNullOrWhiteSpace(p.Question) || Lines(p.Options).Count > 0)
        .Select(p => p.Language).ToList();

    /// <summary>The API's request; <paramref name="closesAt"/> is null when the field could not be read.</summary>
    public CreatePollRequest ToRequest(string commune, DateTimeOffset? closesAt, Lexicon lexicon)
    {
        var question = PerLanguage.Where(p => !string.IsNullOrWhiteSpace(p.Question)).ToDictionary(p => p.Language, p => p.Question!.Trim());
        var options = OptionTexts();
        var synonyms = options.Select((texts, i) => Edited(i) ? SynonymsOf(i, texts, lexicon) : null).ToList();
        return new CreatePollRequest(commune, Keyword, question, options, null, closesAt, AllowChange, true,
            Invite is InviteAll or InviteAudience, synonyms.Any(s => s is not null) ? synonyms : null,
            AnnounceSegment: InvitationSegment(), Audience: Audience());
    }

    /// <summary>Each option's text per language, from the lists (a line each).</summary>
    public List<Dictionary<string, string>> OptionTexts()
    {
        var lists = PerLanguage.Select(p => (p.Language, Lines: Lines(p.Options))).Where(p => p.Lines.Count > 0).ToList();
        var count = lists.Count == 0 ? 0 : lists.Max(l => l.Lines.Count);
        return Enumerable.Range(0, count)
            .Select(i => lists.Where(l => i < l.Lines.Count).ToDictionary(l => l.Language, l => l.Lines[i]))
            .ToList();
    }

    /// <summary>The other words option <paramref name="index"/> will understand, per language: the lexicon's for its texts, with the author's changes.</summary>
    public Dictionary<string, List<string>> SynonymsOf(int index, Dictionary<string, string> texts, Lexicon lexicon)
    {
        var lexiconWords = lexicon.SynonymsFor(texts.Values);
        var changes = Lexicon.Languages.ToDictionary(l => l, l => Changes(l, index), StringComparer.Ordinal);
        var removed = changes.Values.SelectMany(c => c.Where(w => w.StartsWith('-')).Select(w => Lexicon.Form(w[1..]))).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var language in Lexicon.Languages)
        {
            var words = (lexiconWords.GetValueOrDefault(language) ?? []).Where(w => !removed.Contains(Lexicon.Form(w)))
                .Concat(changes[language].Where(w => !w.StartsWith('-'))).Distinct(StringComparer.Ordinal).ToList();
            if (words.Count > 0) result[language] = words;
        }
        return result;
    }

    private bool Edited(int index) => Lexicon.Languages.Any(l => Changes(l, index).Count > 0);

    private List<string> Changes(string language, int index)
    {
        var lines = (SynonymsIn(language) ?? "").Split('\n');
        return index < lines.Length ? [.. lines[index].Split(',').Select(w => w.Trim()).Where(w => w.Length > 0 && w != "-")] : [];
    }

    /// <summary>The option lists of two languages differ in length: option n would not be the same answer everywhere.</summary>
    public bool OptionCountsDiffer => PerLanguage.Select(p => Lines(p.Options).Count).Where(n => n > 0).Distinct().Count() > 1;

    public DateTimeOffset? ClosingInstant(AlertCalendar calendar) =>
        DateTime.TryParse(ClosesAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local)
            ? calendar.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))
            : null;
}
