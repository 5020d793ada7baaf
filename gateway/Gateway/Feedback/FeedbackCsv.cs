using Gateway.Text;

namespace Gateway.Feedback;

/// <summary>
/// The CSV export, written by <see cref="Csv"/> (<c>;</c>, UTF-8 with a byte order mark, formula-looking cells
/// neutralised: citizens' words are never executed): one line per report, times local to the communes. The API's export
/// keeps the column names and codes of the JSON export; the console's speaks the clerk's language (<see cref="CsvWords"/>).
/// </summary>
public static class FeedbackCsv
{
    public const string ContentType = Csv.ContentType;

    public static readonly string[] Columns =
    [
        "reference", "commune", "status", "kind", "category", "channel", "language", "received_at", "due_at", "overdue",
        "closed_at", "assignee", "place", "text", "simulated", "citizen_confirmed", "updated_at",
    ];

    public static byte[] Write(IEnumerable<FeedbackView> reports, CsvWords? words = null)
    {
        words ??= CsvWords.Codes;
        string? Code(string column, string? value) => value is null ? null : words.Value(column, value);
        return Csv.Write(Columns.Select(words.Header).ToList(), reports.Select(r => new string?[]
        {
            r.Reference, r.Commune, Code("status", r.Status), Code("kind", r.Kind), r.Category, Code("channel", r.Channel), r.Language,
            Csv.LocalTime(r.ReceivedAt), Csv.LocalTime(r.DueAt), Code("overdue", Bool(r.Overdue)),
            r.ClosedAt is { } c ? Csv.LocalTime(c) : null, r.Assignee, r.Place, r.Text, Code("simulated", Bool(r.Simulated)),
            r.CitizenConfirmed is { } confirmed ? Code("citizen_confirmed", Bool(confirmed)) : null, Csv.LocalTime(r.UpdatedAt),
        }));
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
