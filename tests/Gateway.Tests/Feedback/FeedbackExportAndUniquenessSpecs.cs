using System.Text;
using System.Text.Json;
using Gateway.Feedback;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Tests.Feedback;

/// <summary>Exports agree with each other, and references are unique whatever the randomness does.</summary>
public sealed class FeedbackExportAndUniquenessSpecs
{
    [Fact]
    public async Task The_CSV_export_has_a_BOM_and_says_what_the_JSON_export_says()
    {
        await using var app = FeedbackHost.Create();
        await app.FileAsync("+212661000301", "sms", "رأي", "الدار البيضاء", "الماء", "لا يوجد ماء، منذ \"يومين\"", "حي السلام");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.FileFrenchAsync("+212661000302", "=1+2, une formule ? Non : un texte", "Hay Dakhla");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.FileAsync("+212661000303", "ussd", "ⴰⵡⴰⵍ", "ⴰⵏⴼⴰ", "ⵉⴱⵔⵉⴷⵏ", "ⵉⴱⵔⵉⴷ ⵉⵅⵚⵚⴰ ⵜⴰⵙⵍⵃⵉⵜ", "ⵣⵔⵉ");
        var staff = app.Staff();

        var response = await staff.GetAsync("/api/feedback.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = CsvReader.Rows(Encoding.UTF8.GetString(bytes[3..]));
        var json = (await staff.GetJsonAsync("/api/feedback.json")).EnumerateArray().ToList();

        var header = rows[0];
        Assert.Equal(json.Count, rows.Count - 1);
        for (var i = 0; i < json.Count; i++)
        {
            var row = header.Zip(rows[i + 1]).ToDictionary(p => p.First, p => p.Second);
            var item = json[i];
            string? Json(string name) => item.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
            Assert.Equal(Json("reference"), row["reference"]);
            Assert.Equal(Json("status"), row["status"]);
            Assert.Equal(Json("kind"), row["kind"]);
            Assert.Equal(Json("category"), row["category"]);
            Assert.Equal(Json("channel"), row["channel"]);
            Assert.Equal(Json("language"), row["language"]);
            Assert.Equal(Json("place") ?? "", row["place"]);
            var text = Json("text")!;
            Assert.Equal(text.StartsWith('=') ? "'" + text : text, row["text"]);
            Assert.Equal(Casablanca(item.GetProperty("receivedAt").GetDateTimeOffset()), row["received_at"]);
            Assert.Equal(Casablanca(item.GetProperty("dueAt").GetDateTimeOffset()), row["due_at"]);
        }
        Assert.Contains(rows, r => r.Contains("لا يوجد ماء، منذ \"يومين\""));
        Assert.Contains(rows, r => r.Contains("'=1+2, une formule ? Non : un texte"));
    }

    /// <summary>The communes' local time as a spreadsheet takes it for a date (the exports are for people).</summary>
    private static string Casablanca(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca"))
        .ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_thousand_reports_filed_at_once_get_a_thousand_distinct_references()
    {
        await using var app = FeedbackHost.Create();
        using var gate = new SemaphoreSlim(32);
        var references = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await app.FileRealAsync($"+2126620{i:D5}", $"Fuite numéro {i}", "Passer");
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Equal(1000, references.Distinct().Count());
        var listed = new HashSet<string>();
        string? cursor = null;
        do
        {
            var page = await app.Staff().GetJsonAsync("/api/feedback?limit=200" + (cursor is null ? "" : "&cursor=" + cursor));
            foreach (var item in page.Items()) Assert.True(listed.Add(item.GetProperty("reference").GetString()!));
            cursor = page.GetProperty("next").GetString();
        } while (cursor is not null);
        Assert.Equal(references.ToHashSet(), listed);
        Assert.Equal(1000, (await app.Staff().GetJsonAsync("/api/feedback/stats")).GetProperty("total").GetInt64());
    }

    /// <summary>Draws the same reference for the first two reports, as bad luck would, then random ones.</summary>
    private sealed class UnluckyReferences : FeedbackReferences
    {
        public const string Unlucky = "R-23456";
        public int Draws;

        public override string Next(string contactId) => Interlocked.Increment(ref Draws) <= 2 ? Unlucky : base.Next(contactId);
    }

    [Fact]
    public async Task A_reference_drawn_twice_is_never_given_twice()
    {
        var references = new UnluckyReferences();
        await using var app = FeedbackHost.Create().WithServices(s =>
        {
            s.RemoveAll<FeedbackReferences>();
            s.AddSingleton<FeedbackReferences>(references);
        });

        var first = await app.FileFrenchAsync("+212661000311");
        var second = await app.FileFrenchAsync("+212661000312", "Autre problème");

        Assert.Equal(UnluckyReferences.Unlucky, first);
        Assert.NotEqual(first, second);
        Assert.Equal(3, references.Draws); // the second report drew the taken reference, was decided again, drew a new one
        var listed = (await app.Staff().GetJsonAsync("/api/feedback")).Items().Select(i => i.GetProperty("reference").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { first, second }, listed);
        var report = await app.Staff().GetJsonAsync($"/api/feedback/{second}");
        Assert.Equal("Autre problème", report.GetProperty("text").GetString());
    }
}
