using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Alerts;
using Gateway.Alerts.Compose;
using Gateway.Contacts;
using Gateway.Conversations;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Profiles.Breakdowns;

namespace Gateway.Tests.Alerts;

/// <summary>
/// Alerts and poll invitations to a profile segment (issue 24): the preview's recipients are the phones that receive it, a
/// segment under the suppression threshold (5) is refused with a sentence saying why, and an alert's reach reads by profile
/// with small cells hidden.
/// </summary>
public sealed class AlertSegmentSpecs
{
    private const string Refusal = "fewer than 5 people; sending to it could single someone out";

    /// <summary>
    /// Casablanca's meeting subscribers: 7 women aged 30 (phones 1–7), 4 men aged 20 (8–11), 1 without a profile (12),
    /// all reachable by SMS.
    /// </summary>
    private static async Task<AlertsHost> SubscribedAsync(string commune = "casablanca")
    {
        var host = new AlertsHost();
        await host.ImportAsync(commune, Enumerable.Range(1, 12).Select(i => new SubscriberRow(AlertsHost.Phone(i), "fr", "sms", RecordingSender.Name)));
        var year = TimeZoneInfo.ConvertTime(host.App.Clock.GetUtcNow(), global::Gateway.Text.Csv.Zone).Year;
        for (var i = 1; i <= 11; i++)
            await host.App.GiveProfileAsync(AlertsHost.Phone(i), i <= 7
                ? new ContactProfile { Gender = ContactProfile.Woman, BirthYear = year - 30, Place = "hay-salam" }
                : new ContactProfile { Gender = ContactProfile.Man, BirthYear = year - 20, Place = "hay-salam" });
        return host;
    }

    private static object Request(object? segment, string commune = "casablanca") =>
        new { commune, texts = new { fr = "Réunion des femmes du quartier samedi à 10 h." }, segment };

    private static IReadOnlyList<string> Receivers(AlertsHost host) =>
        [.. host.Provider.Messages.Select(m => m.Message.To).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_segment_alert_reaches_exactly_the_recipients_its_preview_counted_and_nobody_outside_it()
    {
        await using var host = await SubscribedAsync();
        var segment = new { genders = new[] { "woman" }, ageBands = new[] { "25-34" } };

        var response = await host.Client.PostAsJsonAsync("/api/alerts/preview", Request(segment), AlertsHost.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.Content.ReadFromJsonAsync<AlertPreview>(AlertsHost.Json))!;
        var alert = await host.CreateAsync(Request(segment));
        var done = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the segment alert to be sent");

        Assert.Equal(7, preview.Recipients);
        Assert.Equal(5, preview.Skipped["outside_segment"]);
        Assert.Equal(preview.Recipients, Receivers(host).Count);
        Assert.Equal(Enumerable.Range(1, 7).Select(AlertsHost.Phone).Order(StringComparer.Ordinal), Receivers(host));
        Assert.Equal(5, done.Counts.SkippedBy["outside_segment"]);
    }

    [Fact]
    public async Task A_segment_of_4_is_refused_with_the_sentence_saying_why_and_nothing_is_sent()
    {
        await using var host = await SubscribedAsync();
        var segment = new { genders = new[] { "man" } };

        var preview = await host.Client.PostAsJsonAsync("/api/alerts/preview", Request(segment), AlertsHost.Json);
        var create = await host.Client.PostAsJsonAsync("/api/alerts", Request(segment), AlertsHost.Json);

        foreach (var response in new[] { preview, create })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(Refusal, problem.GetProperty("errors").GetProperty("segment")[0].GetString());
            Assert.DoesNotContain("4", problem.GetProperty("detail").GetString()); // "fewer than 5", never how many
        }
        var listed = await host.Client.GetFromJsonAsync<JsonElement>("/api/alerts?commune=casablanca");
        Assert.Equal(0, listed.GetArrayLength());
        Assert.Empty(host.Provider.Messages);
    }

    [Fact]
    public async Task A_scheduled_segment_alert_whose_segment_fell_under_5_by_its_send_time_is_cancelled_saying_why_and_reaches_nobody()
    {
        await using var host = await SubscribedAsync();
        var segment = new { genders = new[] { "woman" } };
        var alert = await host.CreateAsync(new
        {
            commune = "casablanca", texts = new { fr = "Réunion des femmes du quartier samedi à 10 h." }, segment,
            sendAt = "2026-11-25T15:00:00+01:00",
        });
        Assert.Equal(AlertStatus.Scheduled, alert.Status); // 7 women when it was written

        // By the send time three of them have changed their profile: 4 women would receive it, one of them identifiable.
        foreach (var i in new[] { 1, 2, 3 })
            await host.App.GiveProfileAsync(AlertsHost.Phone(i), new ContactProfile { Gender = ContactProfile.Man, BirthYear = 1996 });
        host.App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T15:01:00+01:00"));
        var cancelled = await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Cancelled, "the alert to be cancelled at its send time");

        Assert.Equal(AlertView.SegmentTooSmall, cancelled.CancelledBecause);
        Assert.Empty(host.Provider.Messages);
        Assert.Equal(0, cancelled.Counts.Sent);
        var read = await host.Client.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert.Id}");
        Assert.Equal("segment_too_small", read.GetProperty("cancelledBecause").GetString());
        Assert.Contains(await host.App.EventsAsync<global::Gateway.Contracts.AlertCompleted>(), e => e.AlertId == alert.Id);
    }

    [Theory]
    [InlineData("""{"genders": ["man", "unknown"]}""", 5)] // 4 men and 1 without a profile: exactly the threshold is allowed
    [InlineData("""{"ageBands": ["18-24"]}""", 4)]
    [InlineData("""{"places": ["hay-salam"], "genders": ["man"]}""", 4)]
    [InlineData("""{"places": ["hay-salam"]}""", 11)]
    [InlineData("""{"places": ["derb-omar"]}""", 0)]
    public async Task The_threshold_decides_on_the_recipients_the_segment_would_reach(string segment, int size)
    {
        await using var host = await SubscribedAsync();

        var response = await host.Client.PostAsJsonAsync("/api/alerts/preview", Request(JsonDocument.Parse(segment).RootElement), AlertsHost.Json);

        Assert.Equal(size >= 5 ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.StatusCode);
        if (size >= 5) Assert.Equal(size, (await response.Content.ReadFromJsonAsync<AlertPreview>(AlertsHost.Json))!.Recipients);
    }

    [Theory]
    [InlineData("""{"genders": ["female"]}""", "segment.genders")]
    [InlineData("""{"ageBands": ["18-25"]}""", "segment.ageBands")]
    [InlineData("""{"places": ["Hay Salam"]}""", "segment.places")]
    public async Task A_segment_value_no_profile_can_take_is_refused_by_name(string segment, string field)
    {
        await using var host = await SubscribedAsync();

        var response = await host.Client.PostAsJsonAsync("/api/alerts", Request(JsonDocument.Parse(segment).RootElement), AlertsHost.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_segment_is_stored_with_the_alert_and_shown_when_it_is_read_back()
    {
        await using var host = await SubscribedAsync();

        var alert = await host.CreateAsync(Request(new { genders = new[] { "woman", "woman" }, ageBands = Array.Empty<string>() }));
        var read = await host.Client.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert.Id}");

        var segment = read.GetProperty("segment");
        Assert.Equal(["woman"], segment.GetProperty("genders").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(JsonValueKind.Null, segment.GetProperty("ageBands").ValueKind); // an empty list takes everyone: stored as none
    }

    [Fact]
    public async Task An_alerts_reach_by_age_shows_the_large_band_and_hides_the_small_ones_so_that_no_total_gives_them_back()
    {
        await using var host = await SubscribedAsync();
        var alert = await host.CreateAsync(Request(null));
        await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be sent");

        var read = await host.Client.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert.Id}?by=age");

        var reach = read.GetProperty("reach");
        Assert.Equal(12, reach.GetProperty("sent").GetInt64());
        var rows = reach.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("age").GetString()!);
        Assert.Equal(7, rows["25-34"].GetProperty("sent").GetInt64());
        foreach (var hidden in new[] { "18-24", "unknown" })
        {
            Assert.Equal(JsonValueKind.Null, rows[hidden].GetProperty("sent").ValueKind);
            Assert.True(rows[hidden].GetProperty("suppressed").GetBoolean());
        }
        // The total less every shown cell leaves 5: the 4 and the 1 cannot be told apart.
        var shown = rows.Values.Where(r => r.GetProperty("sent").ValueKind == JsonValueKind.Number).Sum(r => r.GetProperty("sent").GetInt64());
        Assert.Equal(5, 12 - shown);
        Assert.False(read.GetProperty("counts").TryGetProperty("sentByCell", out _)); // the raw cells never leave
    }

    [Fact]
    public async Task A_reach_breakdown_by_an_unknown_dimension_is_refused()
    {
        await using var host = await SubscribedAsync();
        var alert = await host.CreateAsync(Request(null));

        var response = await host.Client.GetAsync($"/api/alerts/{alert.Id}?by=income");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static object Poll(AlertsHost host, object? segment) => new
    {
        commune = "casablanca",
        keyword = "JEUNES",
        question = new Dictionary<string, string> { ["fr"] = "Quel projet pour la maison des jeunes ?" },
        options = new[] { new Dictionary<string, string> { ["fr"] = "Salle de sport" }, new Dictionary<string, string> { ["fr"] = "Bibliothèque" } },
        closesAt = host.App.Clock.GetUtcNow().AddDays(2),
        announce = true,
        announceSegment = segment,
    };

    [Fact]
    public async Task A_poll_invitation_to_a_segment_reaches_only_its_subscribers()
    {
        await using var host = await SubscribedAsync();

        var created = await host.Client.PostAsJsonAsync("/api/polls", Poll(host, new { ageBands = new[] { "25-34" } }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Wait.ForAsync(() => Task.FromResult(Receivers(host)), r => r.Count == 7, "the invitations to the 7 women aged 30");
        var listed = await host.Client.GetFromJsonAsync<JsonElement>("/api/alerts?commune=casablanca");
        var invitation = Assert.Single(listed.EnumerateArray());
        await host.WaitAsync(invitation.GetProperty("id").GetString()!, a => a.Status == AlertStatus.Done, "the invitation to end");
        Assert.Equal(Enumerable.Range(1, 7).Select(AlertsHost.Phone).Order(StringComparer.Ordinal), Receivers(host));
    }

    [Fact]
    public async Task A_poll_invitation_to_a_segment_of_4_is_refused_and_creates_no_poll()
    {
        await using var host = await SubscribedAsync();

        var created = await host.Client.PostAsJsonAsync("/api/polls", Poll(host, new { ageBands = new[] { "18-24" } }));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var problem = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(Refusal, problem.GetProperty("errors").GetProperty("announceSegment")[0].GetString());
        var polls = await host.Client.GetFromJsonAsync<JsonElement>("/api/polls?commune=casablanca");
        Assert.Equal(0, polls.GetArrayLength());
        Assert.Empty(host.Provider.Messages);
    }
}
