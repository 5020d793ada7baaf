using Gateway.Conversations;

namespace Gateway.Profiles;

/// <summary>
/// Moves everything a contact was counted in from one cell to another, in the step's commit: each real poll vote
/// (<see cref="ContactState.PollVotes"/>, simulated ones excluded) and each participation
/// (<see cref="ContactState.Participations"/>). So a vote cast before the profile counts under the profile once it is
/// given, and a later change moves the contact's counts from then on (breakdowns read the counters as they are now).
/// </summary>
public static class ProfileCounts
{
    /// <summary>Prefix of simulated votes in <see cref="ContactState.PollVotes"/> (Polls' <c>PollKeys.SimulatedPrefix</c>).</summary>
    public const string SimulatedVotePrefix = "simulated:";

    /// <summary>Moves the contact's counts from <paramref name="from"/> to <paramref name="to"/>; nothing when they are the same cell.</summary>
    public static void Move(StepContext step, ProfileCell from, ProfileCell to)
    {
        foreach (var (counter, fromField, toField, count) in Moves(step.Contact, from, to))
        {
            step.Count(counter, fromField, -count);
            step.Count(counter, toField, count);
        }
    }

    /// <summary>Each count to move: counter, field it leaves, field it joins, how many.</summary>
    public static IEnumerable<(string Counter, string From, string To, long Count)> Moves(ContactState contact, ProfileCell from, ProfileCell to)
    {
        if (from == to) yield break;
        foreach (var (pollId, option) in contact.PollVotes)
        {
            // Votes counted apart (outside a poll's audience) are in no cell.
            if (pollId.StartsWith(SimulatedVotePrefix, StringComparison.Ordinal) || contact.PollVotesApart?.Contains(pollId) == true) continue;
            yield return (ProfileCounters.PollCounter(pollId), ProfileCounters.PollCellField(from, option), ProfileCounters.PollCellField(to, option), 1);
        }
        foreach (var (key, count) in contact.Participations ?? [])
        {
            if (count <= 0 || ProfileCounters.ReadParticipationKey(key) is not { } p) continue;
            yield return (ProfileCounters.Participation(p.Commune, p.Month),
                ProfileCounters.ParticipationField(p.Kind, p.Channel, from), ProfileCounters.ParticipationField(p.Kind, p.Channel, to), count);
        }
    }
}
