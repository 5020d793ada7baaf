using System.Globalization;
using System.Text;
using Gateway.Conversations;

namespace Gateway.Polls;

/// <summary>
/// Results as CSV (RFC 4180: CRLF lines, fields quoted when they hold a comma, quote or line break; quotes doubled),
/// UTF-8 with a byte order mark so that Excel opens Arabic and Tifinagh labels intact. The numbers are those of the
/// JSON results: one row per option, channel and language, and the total; then, apart, the votes sent through the
/// simulator (section <c>simulated</c>: one row per option and a <c>total</c> row), which none of the rows above count.
/// </summary>
public static class PollCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(PollResults results)
    {
        var csv = new StringBuilder();
        void Row(params string[] fields) => csv.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);

        Row(["section", "key", .. Languages.Core.Select(l => "label_" + l), "votes"]);
        var blanks = Languages.Core.Select(_ => "").ToArray();
        foreach (var option in results.Options)
            Row(["option", N(option.Option), .. Languages.Core.Select(l => option.Label.GetValueOrDefault(l) ?? ""), N(option.Votes)]);
        foreach (var (channel, votes) in results.Channels) Row(["channel", channel, .. blanks, N(votes)]);
        foreach (var (language, votes) in results.Languages) Row(["language", language, .. blanks, N(votes)]);
        Row(["total", "", .. blanks, N(results.Total)]);
        var simulated = results.Simulated;
        for (var i = 0; i < simulated.Tallies.Count; i++)
            Row(["simulated", N(i + 1), .. Languages.Core.Select(l => results.Options[i].Label.GetValueOrDefault(l) ?? ""), N(simulated.Tallies[i])]);
        Row(["simulated", "total", .. blanks, N(simulated.Total)]);

        var body = Encoding.UTF8.GetBytes(csv.ToString());
        return [.. Encoding.UTF8.Preamble, .. body];
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
