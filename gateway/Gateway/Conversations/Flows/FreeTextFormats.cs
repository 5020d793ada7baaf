using Gateway.Text;

namespace Gateway.Conversations.Flows;

/// <summary>
/// What a free-text answer may be required to read as (<c>free_text: {format: birth_year}</c>). A text that does not read
/// is refused with the format's own message of <c>_system.yaml</c> and asked again, as a text too short is; what is saved
/// is the value read (a year), not the text typed.
/// </summary>
public static class FreeTextFormats
{
    public const string BirthYear = "birth_year";

    public static readonly IReadOnlySet<string> Known = new SortedSet<string>(StringComparer.Ordinal) { BirthYear };

    /// <summary>The system message said when a text does not read as <paramref name="format"/>.</summary>
    public static string InvalidMessage(string format) => format switch
    {
        BirthYear => "invalid_year",
        _ => "invalid",
    };

    /// <summary>The value to save, or null when <paramref name="text"/> does not read as <paramref name="format"/>.</summary>
    public static string? Read(string format, string text, DateTimeOffset now) => format switch
    {
        BirthYear => BirthYearAnswer.Read(text, now) is { } year ? year.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        _ => null,
    };
}
