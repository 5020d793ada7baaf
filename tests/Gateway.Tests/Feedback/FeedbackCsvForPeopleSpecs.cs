using System.Net;
using System.Text;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Feedback;

/// <summary>
/// The exports are files for people: a French-locale Excel opens them as columns (';' separated, no "sep=" line, which
/// would make Excel drop the byte order mark), Arabic stays intact (UTF-8 with its byte order mark), times are the
/// communes' local time; the console's export is in the clerk's language, the API's keeps its codes.
/// </summary>
public sealed class FeedbackCsvForPeopleSpecs
{
    private const string ArabicText = "لا يوجد ماء، منذ \"يومين\"";

    [Theory]
    [InlineData("fr", "Référence;Commune;Statut;Type;Sujet;Canal;Langue;Reçu le;À traiter avant;", "Nouveau", "non")]
    [InlineData("ar", "المرجع;الجماعة;الحالة;النوع;الموضوع;القناة;اللغة;تاريخ التوصل;آخر أجل للمعالجة;", "جديد", "لا")]
    public async Task The_console_export_is_in_the_clerk_s_language_with_local_times_and_opens_as_columns(string language, string header, string status, string no)
    {
        await using var app = FeedbackHost.Create();
        await app.FileAsync("+212661000301", "sms", "رأي", "الدار البيضاء", "الماء", ArabicText, "حي السلام");
        var console = await ConsoleClient.SignInAsync(app, FeedbackHost.CasablancaKey);
        using (var chosen = await console.PostFormAsync("/console/language", ("language", language), ("returnUrl", "/console")))
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        using var response = await console.Http.GetAsync("/console/casablanca/inbox/feedback.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var firstLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        Assert.StartsWith(header, firstLine);
        Assert.DoesNotContain(",", firstLine);
        var rows = CsvReader.Rows(bytes); // checks the byte order mark
        var report = rows[1];
        Assert.Equal(rows[0].Length, report.Length);
        Assert.Equal(status, report[2]);
        Assert.Equal(no, report[9]); // overdue
        Assert.StartsWith(LocalNow(app), report[7]); // received: the gateway clock's local time
        Assert.Contains(ArabicText, report);
    }

    [Fact]
    public async Task The_API_export_keeps_its_codes_and_is_written_for_a_French_Excel_too()
    {
        await using var app = FeedbackHost.Create();
        await app.FileAsync("+212661000301", "sms", "رأي", "الدار البيضاء", "الماء", ArabicText, "حي السلام");

        var bytes = await app.Staff().GetByteArrayAsync("/api/feedback.csv");

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("reference;commune;status;kind;category;channel;language;received_at;due_at;overdue;", text);
        var report = CsvReader.Rows(bytes)[1];
        Assert.Equal("new", report[2]);
        Assert.StartsWith(LocalNow(app), report[7]);
        Assert.Contains(ArabicText, report);
    }

    /// <summary>The gateway clock's day and hour in Casablanca, as the exports write it ("2026-11-24 12").</summary>
    private static string LocalNow(GatewayApplication app) =>
        TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca"))
            .ToString("yyyy-MM-dd HH", System.Globalization.CultureInfo.InvariantCulture);
}
