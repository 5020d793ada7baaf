using System.Globalization;
using Gateway.Text;

namespace Gateway.Feedback;

/// <summary>
/// The CSV export, written by <see cref="Csv"/> (UTF-8 with a byte order mark, RFC 4180, formula-looking cells
/// neutralised: citizens' words are never executed): one line per report, dates in ISO 8601 UTC.
/// </summary>
public static class FeedbackCsv
{
    public const string ContentType = Csv.ContentType;

    public static readonly string[] Columns =
    [
        "reference", "commune", "status", "kind", "category", "channel", "language", "received_at", "due_at", "overdue",
        "closed_at", "assignee", "place", "text", "simulated", "citizen_confirmed", "updated_at",
    ];

    public static byte[] Write(IEnumerable<FeedbackView> reports)
    {
        var csv = Csv.Document().AppendRow(Columns);
        foreach (var r in reports)
            csv.AppendRow(
            [
                r.Reference, r.Commune, r.Status, r.Kind, r.Category, r.Channel, r.Language, Date(r.ReceivedAt), Date(r.DueAt), Bool(r.Overdue),
                r.ClosedAt is { } c ? Date(c) : null, r.Assignee, r.Place, r.Text, Bool(r.Simulated),
                r.CitizenConfirmed is { } confirmed ? Bool(confirmed) : null, Date(r.UpdatedAt),
            ]);
        return csv.ToUtf8();
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
