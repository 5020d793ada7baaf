using System.Globalization;
using Gateway.Conversations;

namespace Gateway.Polls.Audience;

/// <summary>
/// Votes counted apart (issue 24), in the poll's counter beside the real tallies: <c>outside:option:n</c> and
/// <c>outside:total</c> (with the simulated prefix for the simulator's votes). Never in <c>option:n</c>, <c>total</c>, the
/// channels, languages or profile cells; the contact remembers them in <see cref="ContactState.PollVotesApart"/>.
/// </summary>
public static class AudienceCounts
{
    public const string OutsidePrefix = "outside:";
    public const string Total = OutsidePrefix + "total";

    public static string Option(int option) => OutsidePrefix + "option:" + option.ToString(CultureInfo.InvariantCulture);

    /// <summary>Counts the contact's vote for <paramref name="choice"/> apart (a first vote).</summary>
    public static void CountApart(StepContext step, Poll poll, string voteKey, int choice, bool simulated)
    {
        var contact = step.Contact;
        contact.PollVotes[voteKey] = choice;
        (contact.PollVotesApart ??= new SortedSet<string>(StringComparer.Ordinal)).Add(voteKey);
        Count(step, poll, choice, simulated, 1);
    }

    /// <summary>Takes back a vote counted apart (the answer that followed put the voter in the audience).</summary>
    public static void Uncount(StepContext step, Poll poll, string voteKey, int choice, bool simulated)
    {
        var contact = step.Contact;
        contact.PollVotes.Remove(voteKey);
        contact.PollVotesApart?.Remove(voteKey);
        if (contact.PollVotesApart is { Count: 0 }) contact.PollVotesApart = null;
        Count(step, poll, choice, simulated, -1);
    }

    /// <summary>A changed vote counted apart stays apart: it moves between the options' <c>outside:</c> fields.</summary>
    public static void Change(StepContext step, Poll poll, string voteKey, int from, int to, bool simulated)
    {
        var prefix = simulated ? PollKeys.SimulatedPrefix : "";
        step.Contact.PollVotes[voteKey] = to;
        step.Count(PollKeys.Counter(poll.Id), prefix + Option(from), -1);
        step.Count(PollKeys.Counter(poll.Id), prefix + Option(to));
    }

    public static bool IsApart(ContactState contact, string voteKey) => contact.PollVotesApart?.Contains(voteKey) == true;

    private static void Count(StepContext step, Poll poll, int choice, bool simulated, long delta)
    {
        var prefix = simulated ? PollKeys.SimulatedPrefix : "";
        step.Count(PollKeys.Counter(poll.Id), prefix + Option(choice), delta);
        step.Count(PollKeys.Counter(poll.Id), prefix + Total, delta);
    }
}
