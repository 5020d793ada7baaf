using Gateway.Conversations;

namespace Gateway.Profiles;

/// <summary>
/// When the profile follows a vote, a report or a subscription (<c>then: profile</c>): for a contact never asked, or
/// asked but gone before answering anything (a keyword, a USSD session ending: asked again next time), and not during a
/// skip. Never for a simulated step on a real citizen's number (<see cref="ConsentLog.Applies"/>).
/// </summary>
public sealed class ProfileFollowUp : IFlowFollowUp
{
    public const string Flow = "profile";

    public string FlowId => Flow;

    public bool Wants(StepContext step)
    {
        if (!ConsentLog.Applies(step) || step.Contact.OptedOut) return false;
        var profile = step.Contact.Profile;
        if (profile is null) return true;
        if (profile.HasAnswer) return false;
        return profile.SkippedUntil is not { } until || until <= step.Now;
    }
}
