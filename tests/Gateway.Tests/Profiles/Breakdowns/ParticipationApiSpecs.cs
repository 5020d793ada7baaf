using System.Net;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Profiles;
using Gateway.Tests.Polls;

namespace Gateway.Tests.Profiles.Breakdowns;

/// <summary><c>GET /api/communes/{commune}/participation</c>: who took part, month by month, small cells hidden.</summary>
public sealed class ParticipationApiSpecs
{
    /// <summary>Casablanca: 10 women and 4 men vote by SMS, 6 women by WhatsApp, 7 voters without a profile by SMS.</summary>
    private static async Task<GatewayApplication> VotedAsync()
    {
        var app = PollHost.Create();
        await app.CreatePollAsync();
        var http = app.CreateClient();
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).Year - 30;
        for (var i = 0; i < 27; i++)
        {
            var phone = $"+2126000003{i:00}";
            await new Voter(http, phone, i is >= 14 and < 20 ? "whatsapp" : "sms", real: true).SendAsync("PROJET 1");
            if (i < 20) await app.GiveProfileAsync(phone, new ContactProfile { Gender = i is >= 10 and < 14 ? "man" : "woman", BirthYear = year });
        }
        return app;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(GatewayApplication app, string query, string? key = PollHost.ProgrammeKey)
    {
        using var response = await app.Admin(key).GetAsync("/api/communes/casablanca/participation" + query);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static long? Count(JsonElement row) => row.GetProperty("count").ValueKind == JsonValueKind.Null ? null : row.GetProperty("count").GetInt64();

    [Fact]
    public async Task This_months_votes_by_gender_show_the_women_for_all_channels_and_per_channel_and_hide_the_4_men()
    {
        await using var app = await VotedAsync();

        var (status, body) = await GetAsync(app, "?by=gender");

        Assert.Equal(HttpStatusCode.OK, status);
        var month = Assert.Single(body.GetProperty("months").EnumerateArray());
        Assert.Equal(ProfileCounters.MonthOf(app.Clock.GetUtcNow()), month.GetProperty("month").GetString());
        var votes = month.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "vote").ToList();
        JsonElement Row(string channel, string? gender) => votes.Single(r => r.GetProperty("channel").GetString() == channel
            && (r.TryGetProperty("gender", out var g) ? g.GetString() : null) == gender);

        Assert.Equal(27, Count(Row("all", null)));
        Assert.Equal(21, Count(Row("sms", null)));
        Assert.Equal(6, Count(Row("whatsapp", null)));
        Assert.Equal(0, Count(Row("ussd", null)));
        Assert.Equal(16, Count(Row("all", "woman")));
        Assert.Null(Count(Row("all", "man")));
        Assert.True(Row("all", "man").GetProperty("suppressed").GetBoolean());
        Assert.Equal(10, Count(Row("sms", "woman")));
        Assert.Null(Count(Row("sms", "man")));
        Assert.Equal(6, Count(Row("whatsapp", "woman")));
        // Nothing a reader can subtract gives the 4 men back: the SMS column's total (21) less the shown SMS cells is more than 4.
        var smsShown = votes.Where(r => r.GetProperty("channel").GetString() == "sms" && r.TryGetProperty("gender", out _)).Sum(r => Count(r) ?? 0);
        Assert.NotEqual(4, 21 - smsShown);
        var reports = month.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "report"
            && r.GetProperty("channel").GetString() == "all" && !r.TryGetProperty("gender", out _));
        Assert.Equal(0, Count(reports));
    }

    [Fact]
    public async Task Each_month_of_the_window_is_its_own_table_an_empty_month_shows_zeros_and_a_large_cell_beside_a_small_one_is_hidden()
    {
        await using var app = await VotedAsync();
        var now = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).DateTime);
        var before = now.AddMonths(-2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var (status, body) = await GetAsync(app, $"?from={before}&by=age,gender&to={now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}");

        Assert.Equal(HttpStatusCode.OK, status);
        var months = body.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(3, months.Count);
        Assert.All(months[0].GetProperty("rows").EnumerateArray(), r => Assert.Equal(0, Count(r)));
        var votes = months[2].GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "vote"
            && r.GetProperty("channel").GetString() == "all" && r.TryGetProperty("age", out var a) && a.GetString() == "25-34").ToList();
        // The 16 women aged 30 are hidden too: beside the 20 people of 25-34 (shown in by=age), they would give back the 4 men.
        Assert.Null(Count(votes.Single(r => r.GetProperty("gender").GetString() == "woman")));
        Assert.Null(Count(votes.Single(r => r.GetProperty("gender").GetString() == "man")));
        Assert.Equal(["age", "gender"], body.GetProperty("by").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(5, body.GetProperty("threshold").GetInt32());
    }

    [Theory]
    [InlineData("?from=2026-03-05", "from", "whole month")]
    [InlineData("?from=2026-03&to=2026-01", "to", "comes before")]
    [InlineData("?from=2024-01&to=2026-01", "to", "At most 24 months")]
    [InlineData("?by=income", "by", "'income' is none of them")]
    public async Task A_window_that_is_not_whole_months_or_a_bad_by_is_a_400_saying_why(string query, string parameter, string why)
    {
        await using var app = PollHost.Create();

        var (status, body) = await GetAsync(app, query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(why, body.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task Another_communes_key_finds_no_participation_here()
    {
        await using var app = PollHost.Create();

        var (status, _) = await GetAsync(app, "", PollHost.SettatKey);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
