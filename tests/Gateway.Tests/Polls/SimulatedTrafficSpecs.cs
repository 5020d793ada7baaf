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
        var reporter = new SimulatorPhone(http, from: "+212612000202");
        Assert.Contains("R-", (await reporter.SayAsync("AVIS", "4", "1", "La route principale est pleine de nids de poule", "Hay Salam")).Text);

        var vote = Assert.Single(await app.EventsAsync<PollVoteRecorded>());
        Assert.Equal((poll, 2, true), (vote.PollId, vote.Option, vote.Simulated));
        Assert.True(Assert.Single(await app.EventsAsync<FeedbackReceived>()).Simulated);
    }
    [Fact]
    public async Task A_simulated_vote_is_shown_apart_and_counts_in_no_real_figure()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var http = app.CreateClient();

        Assert.Contains("enregistré", await new Voter(http, "+212612000211", real: true).SendAsync("PROJET 1"));
        Assert.Contains("enregistré", await new Voter(http, "+212612000212").SendAsync("PROJET 2"));
        Assert.Contains("enregistré", await new Voter(http, "+212612000213", "whatsapp").SendAsync("PROJET 2"));

        var results = await app.ResultsAsync(poll);
        Assert.Equal(1, results.GetProperty("total").GetInt64());
        Assert.Equal([1L, 0, 0], PollHost.Tallies(results));
        Assert.Equal(1, results.GetProperty("channels").EnumerateObject().Sum(c => c.Value.GetInt64()));
        Assert.Equal(1, results.GetProperty("languages").EnumerateObject().Sum(l => l.Value.GetInt64()));
        Assert.Equal(2, results.GetProperty("simulated").GetProperty("total").GetInt64());
        Assert.Equal([0L, 2, 0], PollHost.SimulatedTallies(results));
    }

    [Fact]
    public async Task Trying_a_poll_in_the_simulator_as_a_citizen_number_neither_changes_nor_blocks_the_citizen_real_vote()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(allowChange: true);
        var http = app.CreateClient();
        var citizen = new Voter(http, "+212612000221", real: true);
        var staff = new Voter(http, "+212612000221");

        await citizen.SendAsync("PROJET 1");
        var trial = await staff.SendAsync("PROJET 3");
        Assert.Contains("enregistré", trial);
        Assert.DoesNotContain("remplacé", trial); // the trial is a vote of its own, not a change of the citizen's
        await staff.SendAsync("PROJET 2"); // a changed trial vote moves within the simulated counts

        var results = await app.ResultsAsync(poll);
        Assert.Equal([1L, 0, 0], PollHost.Tallies(results));
        Assert.Equal([0L, 1, 0], PollHost.SimulatedTallies(results));
        Assert.Equal((1L, 1L), (results.GetProperty("total").GetInt64(), results.GetProperty("simulated").GetProperty("total").GetInt64()));

        await citizen.SendAsync("PROJET 3"); // the citizen's own change still moves the real vote
        var changed = await app.ResultsAsync(poll);
        Assert.Equal([0L, 0, 1], PollHost.Tallies(changed));
    }
    [Fact]
    public async Task A_report_filed_through_the_simulator_is_counted_apart_in_the_desk_figures()
    {
        await using var app = Feedback.FeedbackHost.Create();
        await Feedback.FeedbackHost.FileRealAsync(app, "+212612000231");
        await Feedback.FeedbackHost.FileFrenchAsync(app, "+212612000232", "Essai du service par le personnel");

        var stats = await Feedback.FeedbackHost.GetJsonAsync(Feedback.FeedbackHost.Staff(app), "/api/feedback/stats");

        Assert.Equal((1L, 1L, 1L), (stats.GetProperty("total").GetInt64(), stats.GetProperty("open").GetInt64(), stats.GetProperty("simulated").GetInt64()));
        Assert.Equal(1, stats.GetProperty("byChannel").GetProperty("sms").GetInt64());
        Assert.Equal(1, stats.GetProperty("byStatus").GetProperty("new").GetInt64());
        Assert.Equal(1, stats.GetProperty("byCategory").GetProperty("water").GetInt64());
    }
}
