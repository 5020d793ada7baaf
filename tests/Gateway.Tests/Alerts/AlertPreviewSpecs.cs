using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Alerts.Compose;
using Gateway.Contacts;

namespace Gateway.Tests.Alerts;

/// <summary>POST /api/alerts/preview: cost per language before sending, and validation.</summary>
public sealed class AlertPreviewSpecs
{
    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    public static TheoryData<string, string, string, int, int> Boundaries => new()
    {
        // label, language, text, expected encoding (0 = GSM-7, 1 = UCS-2) via segments & characters
        { "GSM-7 160", "fr", Repeat("a", 160), 160, 1 },
        { "GSM-7 161", "fr", Repeat("a", 161), 161, 2 },
        { "GSM-7 306", "fr", Repeat("e", 306), 306, 2 },
        { "GSM-7 307", "fr", Repeat("e", 307), 307, 3 },
        { "extension € ×80 = 160 septets", "fr", Repeat("€", 80), 80, 1 },
        { "extension € ×80 + 1 = 161 septets", "fr", Repeat("€", 80) + "a", 81, 2 },
        { "extension chars are never split: 153 × 2 septets take 3 parts", "fr", Repeat("[]", 76) + "{", 153, 3 },
        { "GSM-7 with extension at 306 septets", "fr", Repeat("a", 304) + "€", 305, 2 },
        { "GSM-7 with extension at 307 septets", "fr", Repeat("a", 305) + "€", 306, 3 },
        { "French ê 70", "fr", Repeat("ê", 70), 70, 1 },
        { "French ê 71", "fr", Repeat("ê", 71), 71, 2 },
        { "Arabic 70", "ar", Repeat("ب", 70), 70, 1 },
        { "Arabic 71", "ar", Repeat("ب", 71), 71, 2 },
        { "Arabic 134", "ar", Repeat("ج", 134), 134, 2 },
        { "Arabic 135", "ar", Repeat("ج", 135), 135, 3 },
        { "Tifinagh 70", "zgh", Repeat("ⵣ", 70), 70, 1 },
        { "Tifinagh 71", "zgh", Repeat("ⵣ", 71), 71, 2 },
        { "Tifinagh 134", "zgh", Repeat("ⵜ", 134), 134, 2 },
        { "Tifinagh 135", "zgh", Repeat("ⵜ", 135), 135, 3 },
        { "emoji 35 = 70 units", "fr", Repeat("😀", 35), 35, 1 },
        { "emoji 35 + a = 71 units", "fr", Repeat("😀", 35) + "a", 36, 2 },
        { "emoji never split: 33 + 2 letters = 68 units in part one", "fr", Repeat("a", 66) + Repeat("😀", 3), 69, 2 },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task The_preview_counts_characters_and_segments_like_Twilio_at_each_boundary(string label, string language, string text, int characters, int segments)
    {
        await using var host = new AlertsHost();
        var preview = await PreviewAsync(host, new { commune = "casablanca", texts = new Dictionary<string, string> { [language] = text } });

        var row = Assert.Single(preview.Languages);
        Assert.Equal(characters, row.Characters);
        Assert.True(segments == row.Segments, $"{label}: {row.Segments} segments");
        var gsm = text.All(c => c is 'a' or 'e' or '€' or '[' or ']' or '{');
        Assert.Equal(gsm ? "GSM-7" : "UCS-2", row.Encoding);
    }

    [Fact]
    public async Task Typographic_characters_that_force_UCS_2_are_named_with_their_GSM_replacements()
    {
        await using var host = new AlertsHost();
        var preview = await PreviewAsync(host, new { commune = "casablanca", texts = new { fr = "Réunion « publique » — l’ordre du jour…" } });

        var fr = Assert.Single(preview.Languages);
        Assert.Equal("UCS-2", fr.Encoding);
        Assert.Equal(["«", "»", "—", "’", "…"], fr.NonGsmCharacters);
        Assert.Contains(fr.Suggestions, s => s.Character == "’" && s.Replacement == "'");
        Assert.Contains(fr.Suggestions, s => s.Character == "«" && s.Replacement == "\"");
        Assert.Contains(fr.Suggestions, s => s.Character == "—" && s.Replacement == "-");
        Assert.Contains(fr.Suggestions, s => s.Character == "…" && s.Replacement == "...");
        Assert.Equal("Réunion \" publique \" - l'ordre du jour...", fr.SmartEncoded!.Text);
        Assert.Equal("GSM-7", fr.SmartEncoded.Encoding);
    }

    private static object Meeting(bool fold = false, object? reminders = null) => new
    {
        commune = "casablanca",
        meeting = new
        {
            date = "2026-12-02",
            time = "18:00",
            place = new Dictionary<string, string>
            {
                ["fr"] = "salle des fêtes de la commune",
                ["ar"] = "قاعة الحفلات بالجماعة",
                ["zgh"] = "ⵜⴰⵣⵇⵇⴰ ⵏ ⵜⵎⵖⵔⴰ",
                ["zgh-Latn"] = "tazqqa n tmghra",
            },
            agenda = new Dictionary<string, string> { ["fr"] = "budget d'août et fêtes de fin d'année" },
        },
        foldFrenchAccents = fold,
        reminders,
    };

    [Fact]
    public async Task A_meeting_is_written_with_each_language_s_date_format()
    {
        await using var host = new AlertsHost();
        var preview = await PreviewAsync(host, Meeting());

        var texts = preview.Languages.ToDictionary(l => l.Language, l => l.Text);
        Assert.Contains("mercredi 2 décembre 2026 à 18 h 00", texts["fr"]);
        Assert.Contains("salle des fêtes", texts["fr"]);
        Assert.Contains("الأربعاء 2 دجنبر 2026 على الساعة 18:00", texts["ar"]);
        Assert.Contains("ⴰⴽⵕⴰⵙ 2 ⴷⵓⵊⴰⵏⴱⵉⵔ 2026, 18:00", texts["zgh"]);
        Assert.Contains("akras 2 dujanbir 2026, 18:00", texts["zgh-Latn"]);
        Assert.Equal("GSM-7", preview.Languages.Single(l => l.Language == "zgh-Latn").Encoding);
    }

    [Fact]
    public async Task French_folding_shows_the_segments_it_saves_and_is_applied_only_when_asked()
    {
        await using var host = new AlertsHost();
        var plain = await PreviewAsync(host, Meeting());
        var fr = plain.Languages.Single(l => l.Language == "fr");
        Assert.Equal("UCS-2", fr.Encoding);
        Assert.Contains("fêtes", fr.Text);
        Assert.NotNull(fr.FrenchFolding);
        Assert.False(fr.FrenchFolding!.Applied);
        Assert.Equal("GSM-7", fr.FrenchFolding.Encoding);
        Assert.Contains("fetes", fr.FrenchFolding.Text);
        Assert.Contains("aout", fr.FrenchFolding.Text);
        Assert.Equal(fr.Segments - fr.FrenchFolding.Segments, fr.FrenchFolding.SegmentsSaved);
        Assert.True(fr.FrenchFolding.SegmentsSaved >= 1);

        var folded = await PreviewAsync(host, Meeting(fold: true));
        var foldedFr = folded.Languages.Single(l => l.Language == "fr");
        Assert.True(foldedFr.FrenchFolding!.Applied);
        Assert.Equal("GSM-7", foldedFr.Encoding);
        Assert.Equal(fr.FrenchFolding.Text, foldedFr.Text);
        Assert.Contains("décembre", foldedFr.Text); // é is GSM-7: kept
    }

    [Fact]
    public async Task Recipients_are_counted_per_language_and_channel_with_the_estimated_total()
    {
        await using var host = new AlertsHost();
        await host.ImportAsync("casablanca", [
            new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", RecordingSender.Name),
            new SubscriberRow(AlertsHost.Phone(2), "fr", "whatsapp", RecordingSender.Name),
            new SubscriberRow(AlertsHost.Phone(3), "ar", "sms", RecordingSender.Name),
            new SubscriberRow(AlertsHost.Phone(4), "zgh-Latn", "sms", RecordingSender.Name), // no zgh-Latn text: commune default (ar)
            new SubscriberRow(AlertsHost.Phone(5), "ar", "sms", RecordingSender.Name, OptedOut: true),
        ]);
        var preview = await PreviewAsync(host, new { commune = "casablanca", texts = new { fr = new string('a', 200), ar = "اجتماع المجلس" } });

        Assert.Equal(5, preview.Audience);
        Assert.Equal(4, preview.Recipients);
        Assert.Equal(1, preview.Skipped["opted_out"]);
        var fr = preview.Languages.Single(l => l.Language == "fr");
        Assert.Equal(1, fr.Recipients["sms"]);
        Assert.Equal(1, fr.Recipients["whatsapp"]);
        Assert.Equal(2, preview.Languages.Single(l => l.Language == "ar").Recipients["sms"]);
        Assert.Equal(1 * 2 + 2 * 1, preview.EstimatedSegments);
        Assert.Equal(1, preview.WhatsAppMessages);
        Assert.False(preview.Estimated);
    }

    [Fact]
    public async Task Reminders_are_previewed_at_their_times()
    {
        await using var host = new AlertsHost();
        var preview = await PreviewAsync(host, Meeting(reminders: new[] { "P1D", "morning" }));
        Assert.Equal([DateTimeOffset.Parse("2026-12-01T18:00:00+01:00"), DateTimeOffset.Parse("2026-12-02T08:30:00+01:00")],
            preview.Reminders.Select(r => r.At).ToArray());
    }

    [Fact]
    public async Task Invalid_requests_get_a_validation_problem_naming_each_field()
    {
        await using var host = new AlertsHost();
        var response = await host.Client.PostAsJsonAsync("/api/alerts/preview", new
        {
            commune = "atlantis",
            texts = new Dictionary<string, string> { ["xx"] = "hello", ["fr"] = " " },
            topic = "Meetings!",
            channel = "fax",
            reminders = new[] { "P1D" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "commune", "texts.xx", "texts.fr", "topic", "channel", "reminders[0]" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }

    [Fact]
    public async Task A_commune_key_cannot_preview_another_commune()
    {
        await using var host = new AlertsHost();
        var agadir = host.CreateClient("agadir-only-key-0001");
        var other = await agadir.PostAsJsonAsync("/api/alerts/preview", new { commune = "casablanca", texts = new { fr = "x" } });
        var own = await agadir.PostAsJsonAsync("/api/alerts/preview", new { commune = "agadir", texts = new { fr = "x" } });
        var none = await host.App.CreateClient().PostAsJsonAsync("/api/alerts/preview", new { commune = "agadir", texts = new { fr = "x" } });

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    private static async Task<AlertPreview> PreviewAsync(AlertsHost host, object request)
    {
        var response = await host.Client.PostAsJsonAsync("/api/alerts/preview", request, AlertsHost.Json);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AlertPreview>(AlertsHost.Json))!;
    }
}
