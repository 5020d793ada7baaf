using System.Net;
using System.Text.Json;
using Gateway.Conversations;
using Gateway.Profiles;
using Gateway.Tests.Profiles.Breakdowns;

namespace Gateway.Tests.Feedback;

/// <summary>
/// <c>GET /api/feedback/stats?by=</c>: the desk's reports by the reporters' profile, for one commune and one whole month,
/// hidden where small exactly as the participation page hides them.
/// </summary>
public sealed class DeskStatsBreakdownSpecs
{
    /// <summary>Casablanca, this month, by SMS: 10 women and 4 men file a report, and 6 citizens without a profile.</summary>
    private static async Task<GatewayApplication> FiledAsync()
    {
        var app = FeedbackHost.Create();
        for (var i = 0; i < 20; i++)
        {
            var phone = $"+2126610004{i:00}";
            await app.FileRealAsync(phone);
            if (i < 14) await app.GiveProfileAsync(phone, new ContactProfile { Gender = i < 10 ? ContactProfile.Woman : ContactProfile.Man });
        }
        return app;
    }

    private static long? Reports(JsonElement row) => row.GetProperty("reports").ValueKind == JsonValueKind.Null ? null : row.GetProperty("reports").GetInt64();

    [Fact]
    public async Task Reports_by_gender_show_the_10_women_and_hide_the_4_men_so_that_the_total_does_not_give_them_back()
    {
        await using var app = await FiledAsync();

        var stats = await app.Staff().GetJsonAsync("/api/feedback/stats?by=gender");

        Assert.Equal(20, stats.GetProperty("total").GetInt64());
        var breakdown = stats.GetProperty("breakdown");
        Assert.Equal(20, breakdown.GetProperty("reports").GetInt64());
        Assert.Equal(ProfileCounters.MonthOf(app.Clock.GetUtcNow()), breakdown.GetProperty("month").GetString());
        var rows = breakdown.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("gender").GetString()!);
        Assert.Equal(10, Reports(rows["woman"]));
        Assert.Null(Reports(rows["man"]));
        Assert.True(rows["man"].GetProperty("suppressed").GetBoolean());
        // The total less the shown cells is 10: the 4 men and the 6 without a profile are hidden together.
        Assert.Null(Reports(rows["unknown"]));
        Assert.Equal(10, 20 - rows.Values.Sum(r => Reports(r) ?? 0));
    }

    [Fact]
    public async Task The_desk_hides_the_same_cells_as_the_participation_page_for_the_same_month()
    {
        await using var app = await FiledAsync();

        var stats = await app.Staff().GetJsonAsync("/api/feedback/stats?by=gender");
        var participation = await app.Staff().GetJsonAsync("/api/communes/casablanca/participation?by=gender");

        var desk = stats.GetProperty("breakdown").GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("gender").GetString(), Reports(r))).ToList();
        var page = participation.GetProperty("months")[0].GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "report" && r.GetProperty("channel").GetString() == "all" && r.TryGetProperty("gender", out _))
            .Select(r => (r.GetProperty("gender").GetString(), r.GetProperty("count").ValueKind == JsonValueKind.Null ? null : (long?)r.GetProperty("count").GetInt64()))
            .ToList();
        Assert.Equal(page, desk);
    }

    [Theory]
    [InlineData(FeedbackHost.ProgrammeKey, "?by=gender", "commune")] // a breakdown is of one commune
    [InlineData(FeedbackHost.CasablancaKey, "?by=gender&month=2026-03-05", "month")] // whole months only
    [InlineData(FeedbackHost.CasablancaKey, "?by=gender,age,place", "by")]
    [InlineData(FeedbackHost.CasablancaKey, "?by=religion", "by")]
    public async Task A_breakdown_finer_than_a_commune_and_a_month_is_refused_naming_the_parameter(string key, string query, string field)
    {
        await using var app = FeedbackHost.Create();

        using var response = await app.Staff(key).GetAsync("/api/feedback/stats" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Without_by_the_stats_carry_no_breakdown()
    {
        await using var app = FeedbackHost.Create();

        var stats = await app.Staff().GetJsonAsync("/api/feedback/stats");

        Assert.False(stats.TryGetProperty("breakdown", out _));
    }
}
