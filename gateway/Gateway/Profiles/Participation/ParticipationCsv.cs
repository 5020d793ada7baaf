using System.Globalization;
using Gateway.Text;

namespace Gateway.Profiles.Participation;

/// <summary>
/// The participation page's figures as CSV, written by <see cref="Csv"/> (<c>;</c>, UTF-8 with a byte order mark), in the
/// reader's language (<see cref="CsvWords"/>): per kind, its totals then each dimension's rows, one line per column
/// (all channels, then each channel), with the commune's census share of the value where staff entered it; then the
/// month's participants by how complete their profile is (kind <c>people</c>, dimension <c>profile</c>). A hidden cell is
/// written <c>&lt; 5</c> (the threshold), never a number, and its share is left empty: the file says no more than the page.
/// </summary>
public static class ParticipationCsv
{
    public const string ContentType = Csv.ContentType;

    public static readonly string[] Columns = ["month", "kind", "channel", "dimension", "value", "count", "share", "census"];

    /// <summary>The kind and dimension of the rows counting the month's participants by profile completeness.</summary>
    public const string People = "people";
    public const string Profile = "profile";

    /// <summary>The dimension column's code for a total row.</summary>
    public const string Total = "total";

    public static byte[] Write(ParticipationTables tables, CsvWords? words = null)
    {
        words ??= CsvWords.Codes;
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var kind in tables.Kinds)
        {
            var all = kind.Total(ParticipationRow.AllChannels);
            foreach (var channel in ParticipationTables.Columns)
                rows.Add(Line(tables, words, kind.Kind, channel, Total, null, kind.Totals.FirstOrDefault(r => r.Channel == channel), all));
            foreach (var table in kind.Tables)
                foreach (var value in table.Values)
                    foreach (var channel in ParticipationTables.Columns)
                        rows.Add(Line(tables, words, kind.Kind, channel, table.Dimension, value, table.Cell(value, channel), kind.Total(channel)));
        }
        var participants = tables.People.FirstOrDefault(p => p.Profile == ParticipationRow.AllChannels)?.Count;
        foreach (var people in tables.People)
        {
            var total = people.Profile == ParticipationRow.AllChannels;
            var row = new ParticipationRow(People, ParticipationRow.AllChannels, null, null, null, people.Count, people.Suppressed);
            rows.Add(Line(tables, words, People, ParticipationRow.AllChannels, total ? Total : Profile, total ? null : people.Profile, row, total ? null : participants));
        }
        return Csv.Write(Columns.Select(words.Header).ToList(), rows);
    }

    private static string?[] Line(ParticipationTables tables, CsvWords words, string kind, string channel, string dimension, string? value,
        ParticipationRow? row, long? total)
    {
        var count = row is null ? null : row.Suppressed == true ? Hidden(tables.Threshold) : row.Count?.ToString(CultureInfo.InvariantCulture);
        var share = ParticipationTable.Share(row?.Suppressed == true ? null : row?.Count, total);
        return
        [
            tables.Month, words.Value("kind", kind), words.Value("channel", channel), words.Value("dimension", dimension),
            value is null ? null : words.Value(dimension, value), count, share?.ToString(CultureInfo.InvariantCulture),
            channel == ParticipationRow.AllChannels ? row?.Census?.ToString(CultureInfo.InvariantCulture) : null,
        ];
    }

    /// <summary>How a hidden cell reads: "&lt; 5" for the default threshold.</summary>
    public static string Hidden(int threshold) => "< " + threshold.ToString(CultureInfo.InvariantCulture);
}
