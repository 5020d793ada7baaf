using System.Text.Json;
using Gateway.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Tests.Bus;

namespace Gateway.Tests.Feedback;

/// <summary>The citizen's words are personal data: purged after the retention period once closed, and at once on erasure.</summary>
public sealed class FeedbackRetentionSpecs
{
    private static bool IsPurged(JsonElement report) => report.GetProperty("purged").GetBoolean();

    [Fact]
    public async Task A_report_closed_longer_than_the_retention_period_loses_its_text_and_place_but_stays_counted()
    {
        await using var app = FeedbackHost.Create().With("Feedback:RetainClosedFor", "30.00:00:00");
        var closed = await app.FileRealAsync("+212661000501", "Fuite rue 7", "Hay Dakhla");
        var open = await app.FileRealAsync("+212661000502", "Égout bouché", "Maarif");
        var staff = app.Staff();
        await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{closed}/status", new { status = "resolved" });

        app.Clock.Advance(TimeSpan.FromDays(29));
        // What every retention round does, run here so that "not yet" is proven by a finished round, not by a pause.
        Assert.Equal(0, await app.Services.GetRequiredService<FeedbackPurge>().PurgeExpiredAsync(CancellationToken.None));
        Assert.False(IsPurged(await staff.GetJsonAsync($"/api/feedback/{closed}")));

        app.Clock.Advance(TimeSpan.FromDays(2));
        var purged = await Wait.ForAsync(() => staff.GetJsonAsync($"/api/feedback/{closed}"), IsPurged, "the purge");

        Assert.Equal("", purged.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, purged.TryGetProperty("place", out var p) ? p.ValueKind : JsonValueKind.Null);
        Assert.Equal(("resolved", "water", "complaint"), (purged.GetProperty("status").GetString(), purged.GetProperty("category").GetString(), purged.GetProperty("kind").GetString()));
        Assert.Equal("purged", purged.GetProperty("history").EnumerateArray().Last().GetProperty("what").GetString());
        var kept = await staff.GetJsonAsync($"/api/feedback/{open}");
        Assert.Equal(("Égout bouché", "Maarif"), (kept.GetProperty("text").GetString(), kept.GetProperty("place").GetString()));
        var stats = await staff.GetJsonAsync("/api/feedback/stats");
        Assert.Equal((2, 1), (stats.GetProperty("total").GetInt64(), stats.GetProperty("byStatus").GetProperty("resolved").GetInt64()));
    }

    [Fact]
    public async Task Erasing_a_contact_removes_the_text_of_their_reports()
    {
        await using var app = FeedbackHost.Create();
        const string phone = "+212661000510";
        var first = await app.FileFrenchAsync(phone, "Mon voisin, M. Alami, jette ses ordures ici", "Derb Sultan");
        var second = await app.FileFrenchAsync(phone, "Toujours pareil", "Derb Sultan");
        var other = await app.FileFrenchAsync("+212661000511", "Autre citoyen");

        var erased = await app.Staff(FeedbackHost.ProgrammeKey).DeleteAsync($"/api/contacts/{Uri.EscapeDataString(phone)}");
        Assert.True(erased.IsSuccessStatusCode, $"erasure answered {(int)erased.StatusCode}");

        var staff = app.Staff();
        foreach (var reference in new[] { first, second })
        {
            var report = await Wait.ForAsync(() => staff.GetJsonAsync($"/api/feedback/{reference}"), IsPurged, "the erasure of " + reference);
            Assert.Equal("", report.GetProperty("text").GetString());
        }
        Assert.Equal("Autre citoyen", (await staff.GetJsonAsync($"/api/feedback/{other}")).GetProperty("text").GetString());
        var csv = await staff.GetStringAsync("/api/feedback.csv");
        Assert.DoesNotContain("Alami", csv);
    }
}
