namespace Gateway.Text;

/// <summary>
/// A text folded to GSM-7 when only typography and French accents outside GSM-7 (’ « » ê ç ï…) force UCS-2: French
/// guillemets lose the spaces inside them (« Oui » → "Oui"), then Smart Encoding (<see cref="SmartEncoding"/>), then
/// the French accents (<see cref="FrenchGsmFolding"/>). A GSM-7 part holds 160 characters, a UCS-2 one 70. Arabic and
/// Tifinagh are never folded: a text that stays UCS-2 after folding is returned as it is.
/// </summary>
public static class GsmFolding
{
    /// <summary>The folded text when that makes all of it GSM-7; else <paramref name="text"/> itself.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Gsm7.IsGsm(text)) return text;
        var folded = FrenchGsmFolding.Apply(SmartEncoding.Apply(TightGuillemets(text)));
        return Gsm7.IsGsm(folded) ? folded : text;
    }

    /// <summary>"« Oui »" → "«Oui»": French puts a (narrow no-break) space inside guillemets; plain quotes take none.</summary>
    private static string TightGuillemets(string text)
    {
        if (!text.Contains('«') && !text.Contains('»')) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsSpace(c) && i + 1 < text.Length && text[i + 1] == '»') continue;
            sb.Append(c);
            if (c == '«') while (i + 1 < text.Length && IsSpace(text[i + 1])) i++;
        }
        return sb.ToString();
    }

    private static bool IsSpace(char c) => c is ' ' or '\u00A0' or '\u202F' or '\u2009';
}
