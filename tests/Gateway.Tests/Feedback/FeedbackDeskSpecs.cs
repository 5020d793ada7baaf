using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Feedback;

/// <summary>The commune's desk over HTTP: every report filed is listed with its fields, scoped to the commune's key.</summary>
public sealed class FeedbackDeskSpecs
{
    [Fact]
    public async Task Reports_filed_in_four_languages_on_three_channels_are_listed_with_every_field()
    {
        await using var app = FeedbackHost.Create();
        var fr = await app.FileAsync("+212661000001", "sms", "AVIS", "Casablanca", "Eau", "Pas d'eau au robinet depuis 3 jours", "Hay Dakhla");
        var frAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var ar = await app.FileAsync("+212661000002", "whatsapp", "رأي", "الدار البيضاء", "الإنارة", "الإنارة العمومية معطلة في الزنقة 5", "تخطي");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var zgh = await app.FileAsync("+212661000003", "ussd", "ⴰⵡⴰⵍ", "ⴰⵏⴼⴰ", "ⵉⴱⵔⵉⴷⵏ", "ⵉⴱⵔⵉⴷ ⵉⵅⵚⵚⴰ ⵜⴰⵙⵍⵃⵉⵜ", "ⴰⴳⵔⴰⵡ ⵏ ⵜⴰⵎⴰⵣⵉⵔⵜ");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var latn = await app.FileAsync("+212661000004", "sms", "TUTLAYT", "4", "AWAL", "Anfa", "Izbaln", "Ur ttawin izbaln", "Dduwar Aït Ali");

        var page = await app.Staff().GetJsonAsync("/api/feedback?sort=oldest");
        var items = page.Items();
        Assert.Equal([fr, ar, zgh, latn], items.Select(i => i.GetProperty("reference").GetString()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);

        void Expect(JsonElement item, int minute, string category, string kind, string text, string? place, string channel, string language)
        {
            Assert.Equal("casablanca", item.GetProperty("commune").GetString());
            Assert.Equal(category, item.GetProperty("category").GetString());
            Assert.Equal(kind, item.GetProperty("kind").GetString());
            Assert.Equal(text, item.GetProperty("text").GetString());
            Assert.Equal(place, item.TryGetProperty("place", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null);
            Assert.Equal(channel, item.GetProperty("channel").GetString());
            Assert.Equal(language, item.GetProperty("language").GetString());
            Assert.Equal("new", item.GetProperty("status").GetString());
            Assert.True(item.GetProperty("simulated").GetBoolean());
            Assert.False(item.GetProperty("overdue").GetBoolean());
            var received = item.GetProperty("receivedAt").GetDateTimeOffset();
            Assert.Equal(frAt.AddMinutes(minute), received);
            Assert.Equal(received.AddDays(60), item.GetProperty("dueAt").GetDateTimeOffset());
            Assert.False(string.IsNullOrEmpty(item.GetProperty("contactId").GetString()));
            var filed = Assert.Single(item.GetProperty("history").EnumerateArray());
            Assert.Equal(("filed", "citizen"), (filed.GetProperty("what").GetString(), filed.GetProperty("by").GetString()));
        }

        Expect(items[0], 0, "water", "complaint", "Pas d'eau au robinet depuis 3 jours", "Hay Dakhla", "sms", "fr");
        Expect(items[1], 1, "lighting", "complaint", "الإنارة العمومية معطلة في الزنقة 5", null, "whatsapp", "ar");
        Expect(items[2], 2, "roads", "complaint", "ⵉⴱⵔⵉⴷ ⵉⵅⵚⵚⴰ ⵜⴰⵙⵍⵃⵉⵜ", "ⴰⴳⵔⴰⵡ ⵏ ⵜⴰⵎⴰⵣⵉⵔⵜ", "ussd", "zgh");
        Expect(items[3], 3, "waste", "complaint", "Ur ttawin izbaln", "Dduwar Aït Ali", "sms", "zgh-Latn");

        // The pseudonymous id of the contact who filed it, never the number.
        var raw = page.GetRawText();
        Assert.DoesNotContain("661000001", raw);
        Assert.DoesNotContain("+212", raw);
    }

    [Fact]
    public async Task Another_communes_key_gets_a_404_on_every_route()
    {
        await using var app = FeedbackHost.Create();
        var reference = await app.FileFrenchAsync("+212661000010");
        var settat = app.Staff(FeedbackHost.SettatKey);

        Assert.Empty((await settat.GetJsonAsync("/api/feedback")).Items());
        async Task Expect404(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Pas d'eau", body);
        }
        await Expect404(await settat.GetAsync($"/api/feedback/{reference}"));
        await Expect404(await settat.PostAsJsonAsync($"/api/feedback/{reference}/status", new { status = "resolved" }));
        await Expect404(await settat.PostAsJsonAsync($"/api/feedback/{reference}/notes", new { text = "vu" }));
        await Expect404(await settat.PutAsJsonAsync($"/api/feedback/{reference}/assignee", new { assignee = "moi" }));
        await Expect404(await settat.GetAsync("/api/feedback?commune=casablanca"));
        await Expect404(await settat.GetAsync("/api/feedback/stats?commune=casablanca"));
        await Expect404(await settat.GetAsync("/api/feedback.csv?commune=casablanca"));
        await Expect404(await settat.GetAsync("/api/feedback.json?commune=casablanca"));

        // The report is untouched, and its own commune and the programme see it.
        var report = await app.Staff().GetJsonAsync($"/api/feedback/{reference}");
        Assert.Equal("new", report.GetProperty("status").GetString());
        Assert.Null(report.TryGetProperty("assignee", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null);
        Assert.Single((await app.Staff(FeedbackHost.ProgrammeKey).GetJsonAsync("/api/feedback")).Items());
    }

    [Fact]
    public async Task Staff_change_the_status_assign_and_note_with_the_history_of_who_did_what()
    {
        await using var app = FeedbackHost.Create();
        var reference = await app.FileRealAsync("+212661000020");
        var staff = app.Staff();

        app.Clock.Advance(TimeSpan.FromHours(1));
        await staff.SendJsonAsync(HttpMethod.Put, $"/api/feedback/{reference}/assignee", new { assignee = "service de l'eau" });
        await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/notes", new { text = "Appelé la régie, intervention prévue." });
        var changed = await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "in_progress" });

        Assert.Equal("in_progress", changed.GetProperty("status").GetString());
        Assert.Equal("service de l'eau", changed.GetProperty("assignee").GetString());
        var note = Assert.Single(changed.GetProperty("notes").EnumerateArray());
        Assert.Equal(("Appelé la régie, intervention prévue.", "agent casa"), (note.GetProperty("text").GetString(), note.GetProperty("by").GetString()));
        var history = changed.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("what").GetString(), h.GetProperty("by").GetString())).ToList();
        Assert.Equal([("filed", "citizen"), ("assignee", "agent casa"), ("note", "agent casa"), ("status", "agent casa")], history);
        Assert.Equal(app.Clock.GetUtcNow(), changed.GetProperty("updatedAt").GetDateTimeOffset());

        // Resolved, then reopened.
        var resolved = await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "resolved" });
        Assert.Equal(app.Clock.GetUtcNow(), resolved.GetProperty("closedAt").GetDateTimeOffset());
        var reopened = await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{reference}/status", new { status = "acknowledged" });
        Assert.Equal(JsonValueKind.Null, reopened.TryGetProperty("closedAt", out var c) ? c.ValueKind : JsonValueKind.Null);

        // Filters: status and assignee, and the stats.
        Assert.Single((await staff.GetJsonAsync("/api/feedback?status=acknowledged")).Items());
        Assert.Empty((await staff.GetJsonAsync("/api/feedback?status=new")).Items());
        var stats = await staff.GetJsonAsync("/api/feedback/stats");
        Assert.Equal(1, stats.GetProperty("byStatus").GetProperty("acknowledged").GetInt64());
        Assert.Equal(0, stats.GetProperty("byStatus").GetProperty("new").GetInt64());
        Assert.Equal((1, 1, 0), (stats.GetProperty("total").GetInt64(), stats.GetProperty("open").GetInt64(), stats.GetProperty("overdue").GetInt64()));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        await using var app = FeedbackHost.Create();
        var reference = await app.FileFrenchAsync("+212661000030");
        var staff = app.Staff();

        async Task ExpectProblem(HttpResponseMessage response, string field)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {body}");
        }
        await ExpectProblem(await staff.GetAsync("/api/feedback?status=closed"), "status");
        await ExpectProblem(await staff.GetAsync("/api/feedback?kind=praise"), "kind");
        await ExpectProblem(await staff.GetAsync("/api/feedback?overdue=maybe"), "overdue");
        await ExpectProblem(await staff.GetAsync("/api/feedback?from=yesterday"), "from");
        await ExpectProblem(await staff.GetAsync("/api/feedback?limit=1000"), "limit");
        await ExpectProblem(await staff.GetAsync("/api/feedback?cursor=nonsense!"), "cursor");
        await ExpectProblem(await staff.GetAsync("/api/feedback?category=parks"), "category");
        await ExpectProblem(await staff.PostAsJsonAsync($"/api/feedback/{reference}/status", new { status = "done" }), "status");
        await ExpectProblem(await staff.PostAsJsonAsync($"/api/feedback/{reference}/status", new { status = "resolved", message = new { en = "fixed" } }), "message.en");
        await ExpectProblem(await staff.PostAsJsonAsync($"/api/feedback/{reference}/notes", new { text = " " }), "text");
        Assert.Equal("new", (await staff.GetJsonAsync($"/api/feedback/{reference}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Overdue_follows_the_clock_and_the_configured_delay()
    {
        await using var app = FeedbackHost.Create().With("Feedback:AnswerWithin", "10.00:00:00");
        var late = await app.FileRealAsync("+212661000040");
        app.Clock.Advance(TimeSpan.FromDays(5));
        var answered = await app.FileRealAsync("+212661000041", "Lampadaire cassé");
        var staff = app.Staff();
        await staff.SendJsonAsync(HttpMethod.Post, $"/api/feedback/{answered}/status", new { status = "resolved" });

        Assert.Empty((await staff.GetJsonAsync("/api/feedback?overdue=true")).Items());
        app.Clock.Advance(TimeSpan.FromDays(6)); // the first is 11 days old, the second 6 (and closed)
        var overdue = (await staff.GetJsonAsync("/api/feedback?overdue=true")).Items();
        Assert.Equal([late], overdue.Select(i => i.GetProperty("reference").GetString()));
        Assert.True(overdue[0].GetProperty("overdue").GetBoolean());
        Assert.Equal(1, (await staff.GetJsonAsync("/api/feedback/stats")).GetProperty("overdue").GetInt64());
        app.Clock.Advance(TimeSpan.FromDays(10)); // a closed report is never overdue
        Assert.Single((await staff.GetJsonAsync("/api/feedback?overdue=true")).Items());
    }

    /// <summary>One distinct word per report; the search below ("delt") cannot match a reference, whose alphabet has no L.</summary>
    private static readonly string[] Words = ["lima", "romeo", "tango", "delta", "hotel", "kilo", "mike"];

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats_and_sort_three_ways()
    {
        await using var app = FeedbackHost.Create();
        var filed = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            filed.Add(await app.FileFrenchAsync($"+2126610001{i:D2}", $"Problème {Words[i]}"));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var staff = app.Staff();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await staff.GetJsonAsync("/api/feedback?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.Items().Select(i => i.GetProperty("reference").GetString()!));
            cursor = page.GetProperty("next").GetString();
        } while (cursor is not null);
        Assert.Equal(Enumerable.Reverse(filed), seen);

        var oldest = (await staff.GetJsonAsync("/api/feedback?sort=oldest&limit=2")).Items().Select(i => i.GetProperty("reference").GetString());
        Assert.Equal(filed.Take(2), oldest);
        var due = (await staff.GetJsonAsync("/api/feedback?sort=due&limit=2")).Items().Select(i => i.GetProperty("reference").GetString());
        Assert.Equal(filed.Take(2), due);
        var search = (await staff.GetJsonAsync("/api/feedback?q=problème%20DELT")).Items().Select(i => i.GetProperty("reference").GetString());
        Assert.Equal([filed[3]], search);
    }
}
