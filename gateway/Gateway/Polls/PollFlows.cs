using System.Collections.Concurrent;
using System.Globalization;
using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Polls.Audience;
using Gateway.Text;

namespace Gateway.Polls;

/// <summary>
/// Polls as flows, run by the same engine as the YAML flows. A poll's voting flow is
/// <c>question</c> (ask: the numbered options, answer saved as <c>choice</c>) → <c>vote</c> (action <c>record_vote</c>,
/// arg <c>poll</c>) → <c>done</c> (end: the confirmation). Its keyword texted to the commune's number starts it, and
/// <c>KEYWORD 2</c> votes at once (the engine passes the rest of the message as the first answer). When the poll cannot
/// take this contact's vote the keyword starts a one-node flow instead: not open yet, closed (with the results if the poll
/// publishes them), or already voted (when a vote cannot be changed).
/// </summary>
public sealed class PollFlows(PollDirectory directory, CommuneRegistry communes, FlowCatalog catalog, TimeProvider clock) : IFlowSource
{
    private const string Prefix = "poll:";
    // A poll keyword from a contact whose commune is unknown: asks the commune among those holding the keyword, then votes.
    private const string CommunePrefix = "pollcommune:";
    private const string ClosedVariant = "closed";
    private const string NotOpenVariant = "notopen";
    private const string VotedVariant = "voted";

    /// <summary>The flow file (flows/audience.yaml) whose nodes a limited poll asks before its vote.</summary>
    public const string AudienceFlow = "audience";

    // Generated flows per flow id, valid while the poll snapshot they came from is current.
    private readonly ConcurrentDictionary<string, (Poll Poll, FlowDefinition Flow)> _cache = new(StringComparer.Ordinal);

    /// <summary>The voting flow of a poll (the id a USSD menu option jumps to with <c>@poll:&lt;id&gt;</c>).</summary>
    public static string FlowId(string pollId) => Prefix + pollId;

    public FlowDefinition? Find(string flowId)
    {
        if (flowId.StartsWith(CommunePrefix, StringComparison.Ordinal)) return CommuneChoice(flowId[CommunePrefix.Length..]);
        if (!flowId.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = flowId[Prefix.Length..].Split(':');
        if (directory.Find(parts[0]) is not { } poll) return null;
        if (_cache.TryGetValue(flowId, out var cached) && ReferenceEquals(cached.Poll, poll)) return cached.Flow;

        FlowDefinition? flow = parts switch
        {
            [_] => Voting(poll),
            [_, ClosedVariant] => Notice(poll, flowId, PollTexts.ClosedWithResults(poll)),
            [_, NotOpenVariant] => Notice(poll, flowId, PollTexts.NotOpen),
            [_, VotedVariant, var n] when int.TryParse(n, CultureInfo.InvariantCulture, out var option)
                                          && option >= 1 && option <= poll.Definition.Options.Count =>
                Notice(poll, flowId, PollTexts.With(PollTexts.AlreadyVoted, "choice", chain => poll.OptionText(option).Resolve(chain).Text)),
            _ => null,
        };
        if (flow is not null) _cache[flowId] = (poll, flow);
        return flow;
    }

    public FlowDefinition? MatchKeyword(string normalizedWord, ContactState contact, InboundMessage message)
    {
        if (normalizedWord.Length == 0) return null;
        // The number written to names the commune; else the contact's own commune.
        var commune = communes.FindByNumber(message.To)?.Id ?? contact.Commune;
        var now = clock.GetUtcNow();
        if (commune is null) return HoldersOf(normalizedWord, now).Count > 0 ? CommuneChoice(normalizedWord) : null;
        if (directory.ForKeyword(commune, normalizedWord, now) is not { } poll) return null;

        var id = poll.StatusAt(now) switch
        {
            PollStatus.Closed => FlowId(poll.Id) + ":" + ClosedVariant,
            PollStatus.Scheduled => FlowId(poll.Id) + ":" + NotOpenVariant,
            _ when !poll.Definition.AllowChange && contact.PollVotes.TryGetValue(PollKeys.VoteKey(poll.Id, message.Simulated), out var voted) =>
                FlowId(poll.Id) + ":" + VotedVariant + ":" + voted.ToString(CultureInfo.InvariantCulture),
            _ => FlowId(poll.Id),
        };
        return Find(id);
    }

    /// <summary>The polls holding a keyword now (open or scheduled), one per commune, in the registry's order of communes.</summary>
    private List<Poll> HoldersOf(string normalizedKeyword, DateTimeOffset now) =>
        communes.All.Select(c => directory.ForKeyword(c.Id, normalizedKeyword, now)).OfType<Poll>().Where(p => p.HoldsKeyword(now)).ToList();

    /// <summary>
    /// "Which commune?" among those whose poll holds the keyword; the answer becomes the contact's commune and leads on to
    /// that commune's poll (its question, or "not open yet"). Not cached: the polls holding a keyword change over time.
    /// </summary>
    private FlowDefinition? CommuneChoice(string normalizedKeyword)
    {
        var now = clock.GetUtcNow();
        var polls = HoldersOf(normalizedKeyword, now);
        if (polls.Count == 0) return null;
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        var options = new List<FlowOption>();
        for (var i = 0; i < polls.Count; i++)
        {
            var commune = communes.Find(polls[i].Commune)!;
            var remember = "remember_" + i.ToString(CultureInfo.InvariantCulture);
            options.Add(new FlowOption(commune.Id, commune.Name, remember, commune.Keywords, 0));
            var target = polls[i].StatusAt(now) == PollStatus.Scheduled ? FlowId(polls[i].Id) + ":" + NotOpenVariant : FlowId(polls[i].Id);
            nodes[remember] = new() { Id = remember, Kind = NodeKind.Action, Line = 0, Action = FlowActionNames.SetCommune, Next = "@" + target };
        }
        nodes["commune"] = new() { Id = "commune", Kind = NodeKind.Ask, Line = 0, Text = PollTexts.WhichCommune, Options = options, Save = "commune" };
        return Flow(polls[0], CommunePrefix + normalizedKeyword, "commune", nodes);
    }

    // Each option with its synonyms (the author's, or the civic lexicon's for its labels).
    private FlowDefinition Voting(Poll poll)
    {
        var definition = poll.Definition;
        var options = definition.Options
            .Select((texts, i) => new FlowOption((i + 1).ToString(CultureInfo.InvariantCulture), new LocalizedText(texts), null,
                [.. poll.SynonymsOf(i + 1, catalog.Lexicon).Values.SelectMany(w => w)], 0))
            .ToList();
        // A poll limited to an audience asks what the audience needs before the vote (flows/audience.yaml).
        var audience = definition.Audience is { IsLimited: true } && catalog.Find(AudienceFlow) is { } found ? found : null;
        var nodes = new Dictionary<string, FlowNode>(StringComparer.Ordinal)
        {
            ["question"] = new()
            {
                Id = "question", Kind = NodeKind.Ask, Line = 0, Text = poll.QuestionText, Options = options, Save = "choice",
                Next = audience is null ? "vote" : AudienceCheckAction.ActionName,
            },
            ["vote"] = new()
            {
                Id = "vote", Kind = NodeKind.Action, Line = 0, Action = RecordVoteAction.ActionName, Next = "done",
                Args = new Dictionary<string, string>(StringComparer.Ordinal) { ["poll"] = poll.Id },
            },
            // A first vote: the profile follows (flows/profile.yaml), once.
            ["done"] = new() { Id = "done", Kind = NodeKind.End, Line = 0, Text = PollTexts.Confirmation, Then = "profile" },
        };
        if (audience is not null)
        {
            nodes[AudienceCheckAction.ActionName] = new()
            {
                Id = AudienceCheckAction.ActionName, Kind = NodeKind.Action, Line = 0, Action = AudienceCheckAction.ActionName, Next = audience.Start,
                Args = new Dictionary<string, string>(StringComparer.Ordinal) { ["poll"] = poll.Id },
            };
            // The file's nodes as they are (immutable, shared); its "vote" placeholder is the poll's vote.
            foreach (var (id, node) in audience.Nodes)
                if (!nodes.ContainsKey(id)) nodes[id] = node;
        }
        return Flow(poll, FlowId(poll.Id), "question", nodes);
    }

    private static FlowDefinition Notice(Poll poll, string flowId, LocalizedText text) =>
        Flow(poll, flowId, "notice", new Dictionary<string, FlowNode>(StringComparer.Ordinal)
        {
            ["notice"] = new() { Id = "notice", Kind = NodeKind.End, Line = 0, Text = text },
        });

    private static FlowDefinition Flow(Poll poll, string id, string start, IReadOnlyDictionary<string, FlowNode> nodes) => new()
    {
        Id = id,
        File = "(poll " + poll.Id + ")",
        Name = poll.QuestionText,
        Keywords = [poll.Definition.Keyword],
        Languages = Languages.Core,
        DefaultLanguage = poll.Definition.Question.ContainsKey(Languages.French) ? Languages.French : poll.Definition.Question.Keys.First(),
        IdleTimeout = TimeSpan.FromHours(24),
        Start = start,
        Nodes = nodes,
    };
}
