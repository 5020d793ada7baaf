using System.Net;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary><c>GET /api/polls/{id}/results?by=</c>: the votes by gender, age band and place, small cells hidden.</summary>
public sealed class PollResultsBreakdownSpecs
{
    /// <summary>10 women and 4 men aged 20 at the poll's opening, and 7 voters without a profile: 21 real votes by SMS.</summary>
    private static async Task<(GatewayApplication App, string Poll)> VotedAsync()
    {
        var app = PollHost.Create();
        var poll = await app.CreatePollAsync();
        var http = app.CreateClient();
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).Year - 20;
        for (var i = 0; i < 21; i++)
        {
            var phone = $"+2126000002{i:00}";
            await new Voter(http, phone, real: true).SendAsync($"PROJET {1 + (i % 3)}");
            if (i < 14) await app.GiveProfileAsync(phone, new ContactProfile { Gender = i < 10 ? "woman" : "man", BirthYear = year, Place = "hay-salam" });
        }
        return (app, poll);
    }

    private static async Task<JsonElement> BreakdownAsync(GatewayApplication app, string poll, string by)
    {
        using var response = await app.Admin().GetAsync($"/api/polls/{poll}/results?by={by}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task By_gender_hides_the_4_men_and_a_second_row_so_that_the_total_cannot_give_them_back()
    {
        var (app, poll) = await VotedAsync();
        await using var _ = app;

        var results = await BreakdownAsync(app, poll, "gender");
        var rows = results.GetProperty("breakdown").EnumerateArray().ToDictionary(r => r.GetProperty("gender").GetString()!);

        Assert.Equal(["woman", "man", "unstated", "unknown"], rows.Keys);
        Assert.Equal(10, rows["woman"].GetProperty("votes").GetInt64());
        Assert.Equal(JsonValueKind.Null, rows["man"].GetProperty("votes").ValueKind);
        Assert.True(rows["man"].GetProperty("suppressed").GetBoolean());
        Assert.Equal(0, rows["unstated"].GetProperty("votes").GetInt64());
        Assert.True(rows["unknown"].GetProperty("suppressed").GetBoolean()); // 7 unprofiled voters: hidden with the 4 men
        var shown = rows.Values.Where(r => r.GetProperty("votes").ValueKind == JsonValueKind.Number).Sum(r => r.GetProperty("votes").GetInt64());
        Assert.Equal(21, results.GetProperty("total").GetInt64());
        Assert.Equal(11, 21 - shown); // what a reader can work out: the men and the unknown together, not the men
        Assert.False(rows["woman"].TryGetProperty("suppressed", out var _));
    }

    [Fact]
    public async Task By_gender_and_age_crossed_answers_every_cell_of_the_grid_with_both_names_and_hides_what_by_age_would_give_back()
    {
        var (app, poll) = await VotedAsync();
        await using var _ = app;

        var rows = (await BreakdownAsync(app, poll, "gender,age")).GetProperty("breakdown").EnumerateArray().ToList();

        Assert.Equal(4 * 6, rows.Count); // woman, man, unstated, unknown × 15-17, 18-24, 25-34, 35-54, 55+, unknown
        var women = rows.Single(r => r.GetProperty("gender").GetString() == "woman" && r.GetProperty("age").GetString() == "18-24");
        // Hidden too: beside the 14 voters aged 18-24 (shown in by=age), 10 women would give the 4 men back.
        Assert.True(women.GetProperty("suppressed").GetBoolean());
        var men = rows.Single(r => r.GetProperty("gender").GetString() == "man" && r.GetProperty("age").GetString() == "18-24");
        Assert.True(men.GetProperty("suppressed").GetBoolean());
        Assert.All(rows, r => Assert.False(r.TryGetProperty("place", out var _)));
    }

    [Fact]
    public async Task By_place_counts_the_place_the_voters_who_gave_none_as_unknown_and_every_place_of_the_commune_nobody_voted_from_as_0()
    {
        var (app, poll) = await VotedAsync();
        await using var _ = app;

        var rows = (await BreakdownAsync(app, poll, "place")).GetProperty("breakdown").EnumerateArray()
            .Select(r => (r.GetProperty("place").GetString()!, r.GetProperty("votes").GetInt64())).ToList();

        // Casablanca's four places have their rows at 0 as on the console's poll page (the same grid, so the same
        // suppression); a place id the list no longer has keeps its own row where it has votes.
        Assert.Equal([("ain-chock", 0L), ("hay-hassani", 0L), ("hay-salam", 14L), ("maarif", 0L), ("sidi-moumen", 0L), ("other", 0L), ("unknown", 7L)], rows);
    }

    [Fact]
    public async Task Results_without_by_carry_no_breakdown()
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();

        Assert.False((await app.ResultsAsync(poll)).TryGetProperty("breakdown", out _));
    }

    [Theory]
    [InlineData("colour", "'colour' is none of them")]
    [InlineData("gender,age,place", "at most 2")]
    [InlineData("age,age", "twice")]
    public async Task A_by_that_is_not_a_breakdown_is_a_400_saying_why(string by, string why)
    {
        await using var app = PollHost.Create();
        var poll = await app.CreatePollAsync();

        using var response = await app.Admin().GetAsync($"/api/polls/{poll}/results?by={by}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(why, problem.GetProperty("errors").GetProperty("by")[0].GetString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
