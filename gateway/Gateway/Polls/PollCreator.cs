using Gateway.Admin;

namespace Gateway.Polls;

/// <summary>What came of a request to create a poll: the poll, or the problems by field, or a commune the caller may not touch.</summary>
public sealed record PollCreation(Poll? Poll, IReadOnlyDictionary<string, string[]> Errors, bool CommuneHidden, bool KeywordTaken)
{
    public static PollCreation Invalid(Dictionary<string, string[]> errors) => new(null, errors, false, false);
}

/// <summary>
/// Creates a poll as the API and the console both do: validate, check the caller's commune, reserve the keyword
/// (flows and global commands first, then the commune's open or scheduled polls), store, announce if asked.
/// </summary>
public sealed class PollCreator(PollsApi.Services polls, IPollAnnouncer announcer, Audience.AudienceRules audiences)
{
    public async Task<PollCreation> CreateAsync(CreatePollRequest body, AdminCaller caller, string id, CancellationToken cancellationToken)
    {
        var now = polls.Now;
        var errors = body.Validate(polls.Communes, now);
        if (!errors.ContainsKey("commune"))
            foreach (var (field, problems) in await audiences.ValidateAsync(body.Audience, polls.Communes.Find(body.Commune)!.Id, cancellationToken))
                errors[field] = problems;
        if (errors.Count > 0) return PollCreation.Invalid(errors);
        var commune = polls.Communes.Find(body.Commune)!;
        if (!caller.CanSee(commune.Id)) return new PollCreation(null, new Dictionary<string, string[]>(), true, false);

        var definition = body.ToDefinition(id, commune.Id, now, caller.Name, polls.Flows.Lexicon);
        var segment = body.Announce == true ? body.AnnounceSegment?.Normalized() : null;
        if (segment is not null)
        {
            var refused = await announcer.CheckSegmentAsync(commune.Id, definition.OpensAt, segment, cancellationToken);
            if (refused.Count > 0)
                return PollCreation.Invalid(refused.ToDictionary(e => "announceSegment" + e.Key["segment".Length..], e => e.Value, StringComparer.Ordinal));
        }
        if (KeywordClash(definition.NormalizedKeyword, definition.Keyword) is { } reserved) return Taken(reserved);
        if (!await polls.Store.TryCreateAsync(definition, p => p.HoldsKeyword(polls.Now), cancellationToken))
            return Taken($"'{definition.Keyword}' is the keyword of another open or scheduled poll of {commune.Id}.");

        var poll = new Poll(definition, null, null);
        polls.Directory.Put(poll);
        if (body.Announce == true) await announcer.AnnounceAsync(poll, cancellationToken, segment);
        return new PollCreation(poll, new Dictionary<string, string[]>(), false, false);
    }

    /// <summary>Why a keyword cannot be used (a flow keyword or a global command), or null; the console checks it as the author types.</summary>
    public string? KeywordClash(string normalizedKeyword, string keyword) =>
        polls.Flows.IsReservedWord(normalizedKeyword) ? $"'{keyword}' is already a keyword of a flow or a global command." : null;

    private static PollCreation Taken(string detail) =>
        new(null, new Dictionary<string, string[]> { ["keyword"] = [detail] }, false, true);
}
