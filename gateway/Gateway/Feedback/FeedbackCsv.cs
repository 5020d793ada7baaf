using System.Globalization;
using System.Text;

namespace Gateway.Feedback;

/// <summary>
/// The CSV export: UTF-8 with a byte-order mark (Excel then opens Arabic and Tifinagh intact), comma-separated, RFC 4180
/// quoting, one line per report, dates in ISO 8601 UTC. A cell a spreadsheet would run as a formula (=, +, -, @ first)
/// gets a leading apostrophe: citizens' words are never executed.
/// </summary>
public static class FeedbackCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Columns =
    [
        "reference", "commune", "status", "kind", "category", "channel", "language", "received_at", "due_at", "overdue",
        "closed_at", "assignee", "place", "text", "simulated", "citizen_confirmed", "updated_at",
    ];

    public static byte[] Write(IEnumerable<FeedbackView> reports)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var r in reports)
        {
            string?[] cells =
            [
                r.Reference, r.Commune, r.Status, r.Kind, r.Category, r.Channel, r.Language, Date(r.ReceivedAt), Date(r.DueAt), Bool(r.Overdue),
                r.ClosedAt is { } c ? Date(c) : null, r.Assignee, r.Place, r.Text, Bool(r.Simulated),
                r.CitizenConfirmed is { } confirmed ? Bool(confirmed) : null, Date(r.UpdatedAt),
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
