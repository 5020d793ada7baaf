using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>The tests' one RFC 4180 reader (';' separated as the exports are, quoted fields, doubled quotes, CRLF rows) for the CSV downloads.</summary>
public static class CsvReader
{
    /// <summary>The rows of a download's bytes: UTF-8 with its byte order mark, which it requires.</summary>
    public static List<string[]> Rows(byte[] download)
    {
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), download[..3]);
        return Rows(Encoding.UTF8.GetString(download, 3, download.Length - 3));
    }

    public static List<string[]> Rows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.Empty(row);
        Assert.Equal(0, field.Length);
        return rows;
    }
}
