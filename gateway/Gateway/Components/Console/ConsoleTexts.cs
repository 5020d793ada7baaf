using System.Globalization;

namespace Gateway.Components.Console;

/// <summary>
/// Every label of the console in French and Arabic. One table, so a label cannot exist in one language only
/// (a test reads every key the pages use and checks both). Numbers and dates follow <see cref="CultureOf"/>.
/// </summary>
public static partial class ConsoleTexts
{
    public const string French = "fr";
    public const string Arabic = "ar";

    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr-MA");
    private static readonly CultureInfo ArabicCulture = CultureInfo.GetCultureInfo("ar-MA");

    public static string Normalize(string? language) => language == Arabic ? Arabic : French;

    public static CultureInfo CultureOf(string language) => language == Arabic ? ArabicCulture : FrenchCulture;

    public static bool Has(string key) => Table.ContainsKey(key);

    public static IEnumerable<string> Keys => Table.Keys;

    public static string Get(string language, string key) =>
        Table.TryGetValue(key, out var texts) ? (language == Arabic ? texts.Ar : texts.Fr) : key;
}
