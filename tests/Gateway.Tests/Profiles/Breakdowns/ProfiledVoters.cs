using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary>
/// Gives a contact who has voted a profile the way the profile dialog commits one: the profile in the contact's state and,
/// in the same commit, every count of the contact moved to its new cell (<see cref="ProfileCounts.Moves"/>).
/// </summary>
internal static class ProfiledVoters
{
    public static async Task GiveProfileAsync(this GatewayApplication app, string phone, ContactProfile profile)
    {
        var store = app.Services.GetRequiredService<IContactStore>();
        var id = app.Services.GetRequiredService<ContactIds>().For(phone);
        var stored = (await store.GetAsync(id, default))!;
        var from = ProfileCell.Of(stored.State.Profile);
        var to = ProfileCell.Of(profile);
        stored.State.Profile = profile;
        var counters = ProfileCounts.Moves(stored.State, from, to)
            .SelectMany(m => new[] { new CounterIncrement(m.Counter, m.From, -m.Count), new CounterIncrement(m.Counter, m.To, m.Count) }).ToList();
        Assert.True(await store.TryCommitAsync(new ContactCommit(id, stored.Version, stored.State, [], counters, null), default));
    }
}
