using System.Globalization;

namespace Gateway.Text;

/// <summary>
/// Reads the answer to "your year of birth?" as a citizen means it, in any digit script ("١٩٩٥" is 1995). A four-digit
/// year from 1900 to ten years ago is the year. A number from 10 to 110 is an age, not a year: "25" from a citizen is their
/// age (year 25 is no one's), and becomes this year − 25 (one year off at most, which no age band minds much). Anything
/// else (a year in the future, before 1900, "5", "300") does not read: the question is asked again.
/// </summary>
public static class BirthYearAnswer
{
    public const int FirstYear = 1900;
    public const int YoungestAge = 10;
    public const int OldestAge = 110;

    public static int? Read(string text, DateTimeOffset now)
    {
        // The one number of the text, in any digit script: "1995", "١٩٩٥", "25 ans", "né en 1990".
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"\p{Nd}+");
        if (numbers.Count != 1 || !TextNormalizer.TryReadNumber(numbers[0].Value, out var number)) return null;
        var thisYear = now.Year;
        if (number >= FirstYear && number <= thisYear - YoungestAge) return number;
        if (number is >= YoungestAge and <= OldestAge) return thisYear - number;
        return null;
    }

    /// <summary>The year as a citizen reads it back.</summary>
    public static string Show(int year) => year.ToString(CultureInfo.InvariantCulture);
}
