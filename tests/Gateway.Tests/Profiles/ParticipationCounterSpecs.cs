using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Gateway.Profiles;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Polls;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Profiles;

/// <summary>
/// Real votes, reports and subscriptions are counted under the citizen's profile cell, in the step's own commit
/// (docs/profile-counters.md); simulated traffic never is.
/// </summary>
public sealed class ParticipationCounterSpecs
{
    private static Task<IReadOnlyDictionary<string, long>> CounterAsync(GatewayApplication app, string counter) =>
        app.Services.GetRequiredService<ICounterStore>().ReadAsync(counter, CancellationToken.None);

    private static string Month(GatewayApplication app) => ProfileCounters.MonthOf(app.Clock.GetUtcNow());

    [Fact]
    public void The_poll_counter_carrying_cells_is_the_polls_own_tally_counter() =>
        Assert.Equal(Gateway.Polls.PollKeys.Counter("p-1"), ProfileCounters.PollCounter("p-1"));

    [Fact]
    public async Task A_real_vote_counts_under_the_unknown_cell_and_in_the_communes_participation_of_the_month()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(allowChange: true);
        var http = app.CreateClient();

        await new Voter(http, "+212600000101", "sms", real: true).SendAsync("PROJET 2");
        await new Voter(http, "+212600000102", "whatsapp", real: true).SendAsync("PROJET 2");
        var changer = new Voter(http, "+212600000103", "sms", real: true);
        await changer.SendAsync("PROJET 1");
        await changer.SendAsync("PROJET 3");

        var tally = await CounterAsync(app, ProfileCounters.PollCounter(poll));
        Assert.Equal(2, tally["cell:u|u|u:option:2"]);
        Assert.Equal(0, tally["cell:u|u|u:option:1"]); // the changed vote moved within its cell
        Assert.Equal(1, tally["cell:u|u|u:option:3"]);
        var participation = await CounterAsync(app, ProfileCounters.Participation("casablanca", Month(app)));
        Assert.Equal(2, participation["vote:sms:u|u|u"]); // a changed vote is one participation
        Assert.Equal(1, participation["vote:whatsapp:u|u|u"]);
        Assert.Equal(3, participation["people:all:u|u|u"]); // three people, each once however often they voted
    }

    [Fact]
    public async Task A_simulated_vote_enters_no_cell_and_no_participation()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();

        await new Voter(app.CreateClient(), "+212600000104", "ussd").SendAsync("PROJET 2");

        var tally = await CounterAsync(app, ProfileCounters.PollCounter(poll));
        Assert.Equal(1, tally["simulated:option:2"]);
        Assert.DoesNotContain(tally.Keys, k => k.StartsWith("cell:", StringComparison.Ordinal));
        Assert.Empty(await CounterAsync(app, ProfileCounters.Participation("casablanca", Month(app))));
    }

    [Fact]
    public async Task A_real_report_and_a_real_subscription_count_as_participations()
    {
        await using var app = PollHost.Create();
        var phone = new Voter(app.CreateClient(), "+212600000105", "sms", real: true);

        Assert.Contains("Votre signalement concerne", await phone.SendAsync("AVIS"));
        await phone.SendAsync("2");
        await phone.SendAsync("Pas d'eau depuis trois jours");
        Assert.Contains("Merci", await phone.SendAsync("Passer"));
        Assert.Contains("Recevoir", await phone.SendAsync("ABONNER"));
        Assert.Contains("C'est fait", await phone.SendAsync("1"));

        var participation = await CounterAsync(app, ProfileCounters.Participation("casablanca", Month(app)));
        Assert.Equal(1, participation["report:sms:u|u|u"]);
        Assert.Equal(1, participation["subscribe:sms:u|u|u"]);
        Assert.Equal(1, participation["people:all:u|u|u"]); // one person who reported and subscribed
    }

    [Fact]
    public void A_profile_given_moves_every_real_count_of_the_contact_to_its_cell_and_leaves_simulated_votes()
    {
        var contact = new ContactState
        {
            PollVotes = new(StringComparer.Ordinal) { ["p1"] = 2, ["simulated:p1"] = 3, ["p2"] = 1 },
            Participations = new(StringComparer.Ordinal) { ["vote|casablanca|2026-11|sms"] = 2, ["report|casablanca|2026-10|ussd"] = 1 },
        };
        var step = new StepContext(contact, new InboundMessage(ChannelKind.Sms, "twilio", "+212600000106", "+212522000001", "1"), DateTimeOffset.UnixEpoch);
        var to = ProfileCell.Of(new ContactProfile { Gender = ContactProfile.Woman, BirthYear = 1990, Place = "hay-salam" });

        ProfileCounts.Move(step, ProfileCell.Unknown, to);

        Assert.Equal(
        [
            new("poll:p1", "cell:u|u|u:option:2", -1), new("poll:p1", "cell:w|y1990|hay-salam:option:2", 1),
            new("poll:p2", "cell:u|u|u:option:1", -1), new("poll:p2", "cell:w|y1990|hay-salam:option:1", 1),
            new("participation:casablanca:2026-11", "vote:sms:u|u|u", -2), new("participation:casablanca:2026-11", "vote:sms:w|y1990|hay-salam", 2),
            new("participation:casablanca:2026-10", "report:ussd:u|u|u", -1), new("participation:casablanca:2026-10", "report:ussd:w|y1990|hay-salam", 1),
        ], step.Counters.ToArray());
    }

    [Fact]
    public void The_same_cell_moves_nothing()
    {
        var contact = new ContactState { PollVotes = new(StringComparer.Ordinal) { ["p1"] = 2 } };
        var step = new StepContext(contact, new InboundMessage(ChannelKind.Sms, "twilio", "+212600000107", "+212522000001", "1"), DateTimeOffset.UnixEpoch);

        ProfileCounts.Move(step, ProfileCell.Unknown, ProfileCell.Of(new ContactProfile()));

        Assert.Empty(step.Counters);
    }
}
