using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Polls;

/// <summary>Closing by hand or at closesAt: votes stop, PollClosed is published once with the final tallies.</summary>
public sealed class PollClosingSpecs
{
    [Fact]
    public async Task After_a_close_by_hand_a_vote_gets_a_polite_closed_with_the_results_and_is_not_counted()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var http = app.CreateClient();
        await new Voter(http, "+212610000001", real: true).SendAsync("PROJET 1");
        await new Voter(http, "+212610000002", real: true).SendAsync("PROJET 2");
        await new Voter(http, "+212610000003", real: true).SendAsync("PROJET 2");
        await new Voter(http, "+212610000007").SendAsync("PROJET 3"); // staff trying the poll: in neither the event nor the texted results
        var midway = new Voter(http, "+212610000004", real: true);
        await midway.SendAsync("PROJET"); // asked before the close, answers after

        var close = await app.Admin().PostAsync($"/api/polls/{poll}/close", null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal("closed", JsonDocument.Parse(await close.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Contains("Ce sondage est clos", await midway.SendAsync("1"));

        var closed = await app.WaitForPollClosedAsync(poll);
        Assert.Equal([1L, 2, 0], closed.Tallies);
        Assert.Equal((3L, "casablanca"), (closed.Total, closed.Commune));

        var late = await new Voter(http, "+212610000005").SendAsync("PROJET 1");
        Assert.Contains("Ce sondage est clos", late);
        Assert.Contains("Résultats :\n1. Terrain de sport : 1\n2. Bibliothèque : 2\n3. Parc, jardin \"vert\" : 0\nTotal : 3", late);
        var arabic = new Voter(http, "+212610000006");
        await arabic.SendAsync("سلام");
        Assert.Contains("هذا الاستطلاع مغلق", await arabic.SendAsync("PROJET"));

        var results = await app.ResultsAsync(poll);
        Assert.Equal(3, results.GetProperty("total").GetInt64());
        Assert.Equal(1, results.GetProperty("simulated").GetProperty("total").GetInt64());
        Assert.Equal("closed", results.GetProperty("status").GetString());
        Assert.Equal(3, (await app.EventsAsync<PollVoteRecorded>()).Count(v => !v.Simulated));
        Assert.Single(await app.EventsAsync<PollClosed>());
    }

    [Fact]
    public async Task Without_publishResults_a_late_voter_hears_only_that_the_poll_is_closed()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync(publishResults: false);
        var http = app.CreateClient();
        await new Voter(http, "+212610000011").SendAsync("PROJET 1");
        await app.Admin().PostAsync($"/api/polls/{poll}/close", null);
        await app.WaitForPollClosedAsync(poll);

        var late = await new Voter(http, "+212610000012").SendAsync("PROJET 1");

        Assert.Contains("Ce sondage est clos", late);
        Assert.DoesNotContain("Résultats", late);
    }

    [Fact]
    public async Task A_poll_closes_by_itself_at_closesAt_and_PollClosed_is_published_once()
    {
        await using var app = PollHost.Create();
        var closesAt = app.Clock.GetUtcNow() + TimeSpan.FromHours(1);
        var poll = await app.CreatePollAsync(closesIn: TimeSpan.FromHours(1));
        await new Voter(app.CreateClient(), "+212610000021", real: true).SendAsync("PROJET 3");

        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains("Ce sondage est clos", await new Voter(app.CreateClient(), "+212610000022").SendAsync("PROJET 3"));
        var closed = await app.WaitForPollClosedAsync(poll);
        for (var i = 0; i < 5; i++) app.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([0L, 0, 1], closed.Tallies);
        Assert.Equal(closesAt, closed.ClosedAt);
        Assert.Single(await app.EventsAsync<PollClosed>());
        var view = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/polls/{poll}");
        Assert.Equal("closed", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Once_a_poll_is_closed_its_keyword_may_serve_a_new_poll_of_the_commune()
    {
        await using var app = PollHost.Create();
        var first = await app.CreatePollAsync();
        await app.Admin().PostAsync($"/api/polls/{first}/close", null);

        var second = await app.CreatePollAsync();
        var reply = await new Voter(app.CreateClient(), "+212610000031", real: true).SendAsync("PROJET 2");

        Assert.Contains("enregistré", reply);
        Assert.Equal(1, (await app.ResultsAsync(second)).GetProperty("total").GetInt64());
        Assert.Equal(0, (await app.ResultsAsync(first)).GetProperty("total").GetInt64());
    }
}
