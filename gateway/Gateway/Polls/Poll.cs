using Gateway.Text;

namespace Gateway.Polls;

/// <summary>
/// A poll as its author defined it. Immutable once created: only its closing (<see cref="Poll.ClosedAt"/>) and its final
/// tallies are written later, each once. Poll data holds no personal data (votes live under pseudonymous contact ids).
/// </summary>
/// <param name="Keyword">As the author wrote it; matched after <see cref="Text.TextNormalizer.Normalize"/>.</param>
/// <param name="Question">Text per language (fr, ar, zgh, zgh-Latn...); missing languages fall back as in flows.</param>
/// <param name="Options">2–9 options, each a text per language; option n (1-based) is <c>Options[n - 1]</c>.</param>
/// <param name="Synonyms">
/// Per option, other words that pick it, per language (<see cref="Conversations.Flows.Lexicon.Languages"/>): the
/// lexicon's for its labels unless the author chose them, resolved at creation. Null in polls created before synonyms
/// existed: the lexicon's words apply to them as they run.
/// </param>
/// <param name="Audience">Who the poll is for (<see cref="Audience.PollAudience"/>); null: everyone.</param>
public sealed record PollDefinition(
    string Id,
    string Commune,
    string Keyword,
    string NormalizedKeyword,
    IReadOnlyDictionary<string, string> Question,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Options,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    bool AllowChange,
    bool PublishResults,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<string>>>? Synonyms = null,
    Audience.PollAudience? Audience = null);

public enum PollStatus
{
    /// <summary>Created, before <c>opensAt</c>: its keyword answers "not open yet".</summary>
    Scheduled,
    Open,
    Closed,
}

/// <summary>A poll with what happened to it since creation.</summary>
/// <param name="ClosedAt">When it was closed by hand, if it was (closing by <c>closesAt</c> needs no write).</param>
/// <param name="FinalTallies">Votes per option as published in <c>PollClosed</c>, once published.</param>
public sealed record Poll(PollDefinition Definition, DateTimeOffset? ClosedAt, IReadOnlyList<long>? FinalTallies)
{
    public string Id => Definition.Id;
    public string Commune => Definition.Commune;

    /// <summary>When the poll stops (stopped) taking votes: by hand or at <c>closesAt</c>, whichever comes first.</summary>
    public DateTimeOffset EffectiveClose => ClosedAt is { } closed && closed < Definition.ClosesAt ? closed : Definition.ClosesAt;

    public PollStatus StatusAt(DateTimeOffset now) =>
        now >= EffectiveClose ? PollStatus.Closed
        : now < Definition.OpensAt ? PollStatus.Scheduled
        : PollStatus.Open;

    public LocalizedText QuestionText => new(Definition.Question);

    public LocalizedText OptionText(int option) => new(Definition.Options[option - 1]);

    /// <summary>The words beyond its labels that pick option <paramref name="option"/> (1-based), per language.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SynonymsOf(int option, Conversations.Flows.Lexicon lexicon) =>
        Definition.Synonyms is { } stored && option <= stored.Count ? stored[option - 1] : lexicon.SynonymsFor(Definition.Options[option - 1].Values);

    /// <summary>Whether the poll still holds its keyword (open or scheduled): another poll of the commune may not take it.</summary>
    public bool HoldsKeyword(DateTimeOffset now) => StatusAt(now) != PollStatus.Closed;
}
