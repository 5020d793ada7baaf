using System.Globalization;
using CsvHelper;

namespace Gateway.Text;

/// <summary>
/// The one way the gateway writes CSV (the feedback export, poll results), with CsvHelper: files for people, which a
/// French-locale Excel opens as columns. Separator <c>;</c> (a French Excel splits on the list separator of its locale,
/// which is <c>;</c>, and would keep a comma-separated line in one column); UTF-8 with a byte order mark, so Arabic and
/// Tifinagh open intact (no <c>sep=</c> line: Excel then ignores the byte order mark and reads the file in the machine's
/// code page); CRLF rows, RFC 4180 quoting. A cell a spreadsheet would run as a formula gets a leading apostrophe, and is
/// quoted: what citizens or staff typed is never executed (OWASP "CSV Injection": <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// a tab or a carriage return first). Times are local (<see cref="Zone"/>), as the clerks read them.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const char Separator = ';';

    /// <summary>The communes' time zone: exported times are written in it.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca");

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = Separator,
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        // A comma too: a reader that guesses the separator still sees one field.
        ShouldQuote = (field, _, _, _) => field.IndexOfAny([',', '\r', '\n']) >= 0,
    };

    /// <summary>A document: the header, then one record per row (a null cell is empty), as UTF-8 with its byte order mark.</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            csv.WriteRecord(header.ToArray());
            foreach (var row in rows) csv.WriteRecord(row.Select(cell => cell ?? "").ToArray());
        }
        return buffer.ToArray();
    }

    /// <summary>One field as the documents write it, neutralised then quoted as needed (empty for null or empty).</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true)) csv.WriteRecord(value);
        return text.ToString()[..^2]; // without the record's CRLF
    }

    /// <summary>A time as a clerk reads it, local to the communes, in a form every spreadsheet takes for a date.</summary>
    public static string LocalTime(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
