using System.Text;

namespace Gateway.Text;

/// <summary>The GSM 03.38 default alphabet (3GPP TS 23.038) as Twilio counts it: what fits an SMS in 7 bits.</summary>
public static class Gsm7
{
    // Basic table, in code order 0x00–0x7F (ESC at 0x1B is left out: it is not a character people type).
    // Only Ç (U+00C7) sits at 0x09; ç is not GSM, as in Twilio's calculator (docs/protocols.md §6).
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ" +
        " !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Extension table: ESC + code, two septets each. Form feed is ESC 0x0A.
    private const string Extension = "\f^{}\\[~]|€";

    // 0 = not GSM, 1 = basic (one septet), 2 = extension (two septets); indexed by UTF-16 char up to Greek.
    private static readonly byte[] Septet = BuildTable();

    /// <summary>Septets this character takes in GSM-7: 1, 2 (extension table) or 0 when it is not GSM.</summary>
    public static int SeptetsOf(char c) => c < Septet.Length ? Septet[c] : c == '€' ? 2 : 0;

    public static bool IsGsm(char c) => SeptetsOf(c) > 0;

    public static bool IsGsm(Rune rune) => rune.IsBmp && IsGsm((char)rune.Value);

    /// <summary>True when every character of the text is in the GSM-7 basic or extension table.</summary>
    public static bool IsGsm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
            if (SeptetsOf(c) == 0) return false;
        return true;
    }

    /// <summary>
    /// Septets the text takes in GSM-7 (extension characters count two). A character outside GSM-7
    /// counts one, as the '?' a gateway would put in its place; check <see cref="IsGsm(string)"/> first.
    /// </summary>
    public static int Septets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var total = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            total += Math.Max(1, SeptetsOf(c));
        }
        return total;
    }

    private static byte[] BuildTable()
    {
        var table = new byte[0x3AA]; // up to Ω (U+03A9), the highest basic character below €
        foreach (var c in Basic) table[c] = 1;
        foreach (var c in Extension)
            if (c < table.Length) table[c] = 2;
        return table;
    }
}
