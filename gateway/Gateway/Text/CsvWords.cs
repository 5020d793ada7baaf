namespace Gateway.Text;

/// <summary>
/// The words of an export for people: its column headers and the codes in its cells (a status, a channel) in the
/// reader's language. <see cref="Codes"/> keeps the codes as they are, for the API's exports (one set of columns that
/// scripts can rely on, the JSON exports' names).
/// </summary>
public sealed record CsvWords(Func<string, string> Header, Func<string, string, string> Value)
{
    /// <summary>Headers and values as the API names them.</summary>
    public static readonly CsvWords Codes = new(column => column, (_, value) => value);
}
