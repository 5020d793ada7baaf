using System.Text;

namespace Gateway.Text;

/// <summary>
/// The one way the gateway writes CSV (the feedback export, poll results): UTF-8 with a byte order mark (Excel then opens
/// Arabic and Tifinagh intact), comma-separated, CRLF rows, RFC 4180 quoting (a field holding a comma, a quote or a line
/// break is quoted, its quotes doubled). A cell a spreadsheet would run as a formula gets a leading apostrophe: what
/// citizens or staff typed is never executed (OWASP "CSV Injection": <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return first).
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>Starts a document: give it rows with <see cref="AppendRow"/>, then take its bytes with <see cref="ToUtf8"/>.</summary>
    public static StringBuilder Document() => new();

    /// <summary>Appends one row; a null cell is empty.</summary>
    public static StringBuilder AppendRow(this StringBuilder csv, IEnumerable<string?> cells) =>
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    /// <summary>The document as UTF-8 with its byte order mark.</summary>
    public static byte[] ToUtf8(this StringBuilder csv) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv.ToString())];

    /// <summary>One field, neutralised then quoted as needed.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
