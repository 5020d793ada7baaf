using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Profiles;

/// <summary>
/// Counts a real participation under the contact's current cell in the step's commit, and remembers where, so that
/// <see cref="ProfileCounts.Move"/> can move it when the profile changes. Simulated steps count nothing (issue 17: test
/// traffic never enters real tallies).
/// <para>The first participation of a contact in a commune's month also counts the person once (<see cref="ProfileCounters.People"/>,
/// field <c>people:all:&lt;cell&gt;</c>), remembered like the others so that it moves with the profile too: how many of the
/// month's participants have a complete profile, a partial one, none.</para>
/// </summary>
public sealed class ParticipationCounter : IParticipationCounter
{
    public void Count(StepContext step, string kind, string? commune)
    {
        if (step.Message.Simulated || string.IsNullOrEmpty(commune)) return;
        var contact = step.Contact;
        var month = ProfileCounters.MonthOf(step.Now);
        var channel = step.Message.Channel.ToWire();
        step.Count(ProfileCounters.Participation(commune, month), ProfileCounters.ParticipationField(kind, channel, ProfileCell.Of(contact.Profile)));
        var participations = contact.Participations ??= new Dictionary<string, int>(StringComparer.Ordinal);
        var key = ProfileCounters.ParticipationKey(kind, commune, month, channel);
        participations[key] = participations.GetValueOrDefault(key) + 1;
        var person = ProfileCounters.ParticipationKey(ProfileCounters.People, commune, month, ProfileCounters.AllChannels);
        if (participations.ContainsKey(person)) return;
        step.Count(ProfileCounters.Participation(commune, month),
            ProfileCounters.ParticipationField(ProfileCounters.People, ProfileCounters.AllChannels, ProfileCell.Of(contact.Profile)));
        participations[person] = 1;
    }
}
