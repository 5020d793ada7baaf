namespace Gateway.Conversations.Ports;

/// <summary>
/// Counts a citizen's completed real participation (a vote, a report, a subscription) in the step's commit, under the
/// contact's profile cell, and remembers it on the contact so that a later profile moves it. The core's own actions
/// (subscriptions) call it through this port; the profiles feature implements it.
/// </summary>
public interface IParticipationCounter
{
    /// <summary>Counts <paramref name="kind"/> (<c>vote</c>, <c>report</c>, <c>subscribe</c>) in <paramref name="commune"/>; simulated steps count nothing.</summary>
    void Count(StepContext step, string kind, string? commune);
}
