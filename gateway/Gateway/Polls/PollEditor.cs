using Gateway.Admin;
using Gateway.Conversations.Ports;

namespace Gateway.Polls;

/// <summary>Why a poll cannot be edited any more.</summary>
public enum PollEditRefusal
{
    None,

    /// <summary>A citizen has voted (a real vote): the question they answered must stay the one shown with the results.</summary>
    Voted,

    /// <summary>The poll is closed.</summary>
    Closed,
}

/// <summary>What came of an edit: the poll as edited, or the problems by field, or why it may not be edited, or nothing visible.</summary>
public sealed record PollEdit(Poll? Poll, IReadOnlyDictionary<string, string[]> Errors, PollEditRefusal Refusal, bool NotFound);

/// <summary>
/// Edits a poll as the API and the console both do, until its first real vote: the texts and the closing time, validated
/// as at creation, with the same number of options (a vote racing the edit still names an option that exists). The store
/// moves the poll directory's version, so every replica answers with the new texts from its next step.
/// </summary>
public sealed class PollEditor(PollsApi.Services polls, ICounterStore counters, Audience.AudienceRules audiences)
{
    /// <summary>Whether the poll may still be edited now, and if not, why.</summary>
    public async Task<PollEditRefusal> RefusalAsync(Poll poll, CancellationToken cancellationToken)
    {
        if (poll.ClosedAt is not null || poll.StatusAt(polls.Now) == PollStatus.Closed) return PollEditRefusal.Closed;
        var counts = await counters.ReadAsync(PollKeys.Counter(poll.Id), cancellationToken);
        return counts.GetValueOrDefault("total") > 0 ? PollEditRefusal.Voted : PollEditRefusal.None;
    }

    public async Task<PollEdit> EditAsync(string id, EditPollRequest body, AdminCaller caller, CancellationToken cancellationToken)
    {
        var none = new Dictionary<string, string[]>();
        if (await polls.Store.GetAsync(id, cancellationToken) is not { } poll || !caller.CanSee(poll.Commune)) return new PollEdit(null, none, PollEditRefusal.None, true);
        if (await RefusalAsync(poll, cancellationToken) is var refusal and not PollEditRefusal.None) return new PollEdit(poll, none, refusal, false);

        var old = poll.Definition;
        var asCreated = new CreatePollRequest(old.Commune, old.Keyword, body.Question, body.Options, old.OpensAt, body.ClosesAt, old.AllowChange,
            old.PublishResults, Announce: false, body.Synonyms, Audience: body.Audience);
        var errors = asCreated.Validate(polls.Communes, polls.Now);
        foreach (var (field, problems) in await audiences.ValidateAsync(body.Audience, old.Commune, cancellationToken)) errors[field] = problems;
        if (!errors.ContainsKey("options") && body.Options?.Count != old.Options.Count)
            errors["options"] = [$"Keep {old.Options.Count} options: a poll's options can be reworded, not added or removed."];
        if (errors.Count > 0) return new PollEdit(null, errors, PollEditRefusal.None, false);

        var edited = asCreated.ToDefinition(old.Id, old.Commune, polls.Now, old.CreatedBy, polls.Flows.Lexicon) with
        {
            Keyword = old.Keyword,
            NormalizedKeyword = old.NormalizedKeyword,
            OpensAt = old.OpensAt,
            CreatedAt = old.CreatedAt,
        };
        if (!await polls.Store.ReplaceDefinitionAsync(edited, cancellationToken)) return new PollEdit(poll, none, PollEditRefusal.Closed, false);
        var updated = poll with { Definition = edited };
        polls.Directory.Put(updated);
        return new PollEdit(updated, none, PollEditRefusal.None, false);
    }
}
