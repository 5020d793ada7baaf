using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Polls;

/// <summary>Issue 17 item 4: what the simulator causes is flagged in the events, so that consumers keep it apart from real traffic.</summary>
public sealed class SimulatedTrafficSpecs
{
    [Fact]
    public async Task A_vote_and_a_report_sent_through_the_simulator_are_flagged_simulated_in_their_events()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var http = app.CreateClient();

        Assert.Contains("enregistré", await new Voter(http, "+212612000201").SendAsync("PROJET 2"));
        var reporter = new SimulatorClient(http, from: "+212612000202");
        Assert.Contains("R-", (await reporter.SayAsync("AVIS", "4", "1", "La route principale est pleine de nids de poule", "Hay Salam")).Text);

        var vote = Assert.Single(await app.EventsAsync<PollVoteRecorded>());
        Assert.Equal((poll, 2, true), (vote.PollId, vote.Option, vote.Simulated));
        Assert.True(Assert.Single(await app.EventsAsync<FeedbackReceived>()).Simulated);
    }
}
