using Gateway.Conversations.Flows;

namespace Gateway.Polls;

/// <summary>A poll as the admin API shows it.</summary>
/// <param name="FlowId">The generated flow that runs the vote (e.g. for a USSD menu item <c>@poll:&lt;id&gt;</c>).</param>
/// <param name="Synonyms">Per option, the other words that pick it, per language (the author's, or the civic lexicon's).</param>
/// <param name="Audience">Who the poll is for; null: everyone.</param>
public sealed record PollView(
    string Id,
    string Commune,
    string Keyword,
    IReadOnlyDictionary<string, string> Question,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Options,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedAt,
    bool AllowChange,
    bool PublishResults,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string FlowId,
    IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<string>>> Synonyms,
    Audience.PollAudience? Audience)
{
    public static PollView Of(Poll poll, DateTimeOffset now, Lexicon lexicon)
    {
        var d = poll.Definition;
        var status = poll.StatusAt(now);
        return new PollView(d.Id, d.Commune, d.Keyword, d.Question, d.Options, d.OpensAt, d.ClosesAt,
            status == PollStatus.Closed ? poll.EffectiveClose : null, d.AllowChange, d.PublishResults,
            StatusName(status), d.CreatedAt, d.CreatedBy, PollFlows.FlowId(d.Id),
            [.. Enumerable.Range(1, d.Options.Count).Select(n => poll.SynonymsOf(n, lexicon))], d.Audience);
    }

    public static string StatusName(PollStatus status) => status switch
    {
        PollStatus.Scheduled => "scheduled",
        PollStatus.Open => "open",
        _ => "closed",
    };
}
