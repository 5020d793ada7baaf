using System.Globalization;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Conversations.Ports;
using Gateway.Polls.Audience;
using Gateway.Profiles;
using Gateway.Profiles.Places;
using Gateway.Text;

namespace Gateway.Polls;

/// <summary>
/// <c>record_vote</c> (arg <c>poll</c>): counts the option saved as <c>choice</c>. It changes only the step — the contact's
/// <see cref="ContactState.PollVotes"/>, the poll's counters and a <see cref="PollVoteRecorded"/> in the outbox — which the
/// engine commits atomically with the contact's version check. So of twenty messages racing from one phone, the first
/// commit wins and the others, re-decided on the new state, see the vote already there: one phone, one vote, on any
/// number of replicas. Votes are kept under the pseudonymous contact id only.
/// </summary>
public sealed class RecordVoteAction(PollDirectory directory, FlowTexts texts, IParticipationCounter participation, AudienceRules audiences, PlaceDirectory places)
    : IFlowAction
{
    public const string ActionName = "record_vote";

    public string Name => ActionName;

    // The event id comes from the provider's message id: a webhook retry is answered from the idempotency record and
    // never commits again, so one inbound message yields one id. Without one (simulator, bus command) a fresh nonce is
    // used, since a time-based key would give two changes within one clock tick the same id and consumers would drop one.
    // Either way the id is fixed once committed, so the relay's re-publishes keep it.

    public void Run(FlowNode node, StepContext step)
    {
        var contact = step.Contact;
        var session = contact.Session;
        var poll = node.Args.TryGetValue("poll", out var pollId) ? directory.Find(pollId) : null;
        if (poll is null || poll.StatusAt(step.Now) != PollStatus.Open || session is null)
        {
            // Started while open, answered after the close (or the poll is gone): the vote is not taken.
            End(step, poll is null ? PollTexts.Closed : PollTexts.ClosedWithResults(poll));
            return;
        }
        if (!int.TryParse(session.Vars.GetValueOrDefault("choice"), CultureInfo.InvariantCulture, out var choice)
            || choice < 1 || choice > poll.Definition.Options.Count)
            throw new InvalidOperationException($"Poll {poll.Id}: the vote action ran without a valid choice.");

        var chain = texts.Chain(contact, null);
        string Label(int option) => poll.OptionText(option).Resolve(chain).Text;
        session.Vars["poll_choice"] = Label(choice);

        var simulated = step.Message.Simulated;
        var voteKey = PollKeys.VoteKey(poll.Id, simulated);
        int? previous = contact.PollVotes.TryGetValue(voteKey, out var before) ? before : null;
        if (poll.Definition.Audience is { IsLimited: true } audience && !InAudience(step, poll, audience, choice, voteKey, ref previous)) return;
        if (previous is { } earlier)
        {
            if (!poll.Definition.AllowChange)
            {
                End(step, PollTexts.With(PollTexts.AlreadyVoted, "choice", c => poll.OptionText(earlier).Resolve(c).Text));
                return;
            }
            if (earlier == choice) return; // the same vote again: confirmed, nothing to count
        }

        contact.PollVotes[voteKey] = choice;
        var counter = PollKeys.Counter(poll.Id);
        var channel = step.Message.Channel.ToWire();
        var language = contact.Language ?? Languages.French;
        // Simulated votes count in their own fields of the same hash (total and options only): never in the real tallies.
        var prefix = simulated ? PollKeys.SimulatedPrefix : "";
        step.Count(counter, prefix + Option(choice));
        // Real votes also count under the voter's profile cell; a later profile moves them (ProfileCounts.Move).
        var cell = ProfileCell.Of(contact.Profile);
        if (!simulated) step.Count(counter, ProfileCounters.PollCellField(cell, choice));
        if (previous is { } replaced)
        {
            // A changed vote moves between options (within its cell); the voter was already counted in total, channel and language.
            step.Count(counter, prefix + Option(replaced), -1);
            if (!simulated) step.Count(counter, ProfileCounters.PollCellField(cell, replaced), -1);
            Say(step, PollTexts.With(PollTexts.Changed, "previous", c => poll.OptionText(replaced).Resolve(c).Text));
        }
        else if (simulated) step.Count(counter, prefix + "total");
        else
        {
            step.Count(counter, "total");
            step.Count(counter, "channel:" + channel);
            step.Count(counter, "language:" + language);
            participation.Count(step, ProfileCounters.Vote, poll.Commune);
        }
        step.Publish(
            new PollVoteRecorded(poll.Id, choice, poll.Commune, channel, language, contact.ContactId, previous is not null, previous, step.Now)
            {
                Simulated = simulated,
            },
            $"{poll.Id}:{contact.ContactId}:{step.Message.ProviderMessageId ?? Guid.NewGuid().ToString("N")}");
    }

    /// <summary>
    /// A poll limited to an audience (issue 24): false when the vote was settled apart (counted, or changed, outside the
    /// audience, and answered); true to count it as any vote, <paramref name="previous"/> cleared when the vote counted
    /// apart while the audience question was asked (<see cref="AudienceCheckAction"/>) is taken in by the answer.
    /// </summary>
    private bool InAudience(StepContext step, Poll poll, PollAudience audience, int choice, string voteKey, ref int? previous)
    {
        var contact = step.Contact;
        var session = contact.Session!;
        var simulated = step.Message.Simulated;
        if (session.Vars.Remove(AudienceCheckAction.PendingVar))
        {
            if (audiences.Fit(audience, audiences.Answered(contact.Profile, contact.Commune, session.Vars), step.Now) == AudienceFit.Inside)
            {
                AudienceCounts.Uncount(step, poll, voteKey, choice, simulated);
                previous = null;
                return true;
            }
            return Outside(step, poll, audience);
        }
        if (previous is { } earlier)
        {
            // A changed vote stays on the side where it was counted.
            if (!AudienceCounts.IsApart(contact, voteKey)) return true;
            if (!poll.Definition.AllowChange)
            {
                End(step, PollTexts.With(PollTexts.AlreadyVoted, "choice", c => poll.OptionText(earlier).Resolve(c).Text));
                return false;
            }
            if (earlier != choice) AudienceCounts.Change(step, poll, voteKey, earlier, choice, simulated);
            return Outside(step, poll, audience);
        }
        if (audiences.Fit(audience, audiences.Answered(contact.Profile, contact.Commune, session.Vars), step.Now) == AudienceFit.Inside) return true;
        AudienceCounts.CountApart(step, poll, voteKey, choice, simulated);
        return Outside(step, poll, audience);
    }

    /// <summary>"This poll is for 15-34: your vote is noted apart." Ends the conversation (no confirmation, no profile offer).</summary>
    private bool Outside(StepContext step, Poll poll, PollAudience audience)
    {
        var choice = step.Contact.PollVotes[PollKeys.VoteKey(poll.Id, step.Message.Simulated)];
        var text = PollTexts.With(AudienceTexts.Outside, "audience", c => AudienceTexts.Describe(audience, audiences.Bands, places, poll.Commune, c));
        End(step, PollTexts.With(text, "poll_choice", c => poll.OptionText(choice).Resolve(c).Text));
        return false;
    }

    public static string Option(int option) => "option:" + option.ToString(CultureInfo.InvariantCulture);

    private void Say(StepContext step, LocalizedText text)
    {
        var (resolved, language) = text.Resolve(texts.Chain(step.Contact, null));
        step.Say(resolved, language);
    }

    /// <summary>Says why the vote was not taken and ends the conversation (the end node's confirmation is not said).</summary>
    private void End(StepContext step, LocalizedText text)
    {
        Say(step, text);
        step.Contact.Session = null;
    }
}
