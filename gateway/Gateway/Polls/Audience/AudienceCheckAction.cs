using System.Globalization;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Profiles.Places;

namespace Gateway.Polls.Audience;

/// <summary>
/// <c>audience_check</c> (arg <c>poll</c>): runs between a limited poll's question and flows/audience.yaml. It fills
/// <c>{audience}</c> and marks as answered ("skip") every question of that flow the vote does not need: all of them when
/// the profile gives what the audience needs, or when the contact voted already (a changed vote stays on its side);
/// on USSD the typed year, elsewhere the bands. When a question remains, the vote is counted apart at once and
/// <see cref="PendingVar"/> set: a STOP, a keyword or a USSD session ending before the answer leaves it apart, never
/// lost; the answer that takes the voter in moves it into the results (<see cref="RecordVoteAction"/>).
/// </summary>
public sealed class AudienceCheckAction(PollDirectory directory, AudienceRules rules, PlaceDirectory places, FlowTexts texts) : IFlowAction
{
    public const string ActionName = "audience_check";

    /// <summary>Session variable: the vote is counted apart until the audience question is answered.</summary>
    public const string PendingVar = "audience_pending";

    private static readonly string[] Questions = ["gender", "age_year", "age_band", "place"];

    public string Name => ActionName;

    public void Run(FlowNode node, StepContext step)
    {
        var contact = step.Contact;
        if (contact.Session is not { } session) return;
        var vars = session.Vars;
        foreach (var question in Questions) vars[question] = Profiles.ProfileAnswers.Skip;
        var poll = node.Args.TryGetValue("poll", out var pollId) ? directory.Find(pollId) : null;
        if (poll?.Definition.Audience is not { IsLimited: true } audience || poll.StatusAt(step.Now) != PollStatus.Open) return;
        vars["audience"] = AudienceTexts.Describe(audience, rules.Bands, places, poll.Commune, texts.Chain(contact, null));

        var simulated = step.Message.Simulated;
        var voteKey = PollKeys.VoteKey(poll.Id, simulated);
        if (contact.PollVotes.ContainsKey(voteKey)) return;
        var missing = AudienceRules.Missing(audience, rules.Answered(contact.Profile, contact.Commune, vars));
        if (missing.Count == 0) return;

        if (missing.Contains(AudienceAnswer.Gender)) vars.Remove("gender");
        if (missing.Contains(AudienceAnswer.Age)) vars.Remove(step.Message.Channel == ChannelKind.Ussd ? "age_band" : "age_year");
        if (missing.Contains(AudienceAnswer.Place)) vars.Remove("place");
        if (!int.TryParse(vars.GetValueOrDefault("choice"), CultureInfo.InvariantCulture, out var choice)
            || choice < 1 || choice > poll.Definition.Options.Count)
            throw new InvalidOperationException($"Poll {poll.Id}: the audience check ran without a valid choice.");
        AudienceCounts.CountApart(step, poll, voteKey, choice, simulated);
        vars[PendingVar] = "1";
    }
}
