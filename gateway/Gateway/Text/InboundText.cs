using System.Text;

namespace Gateway.Text;

/// <summary>
/// Makes what a provider hands us valid Unicode text before anything reads it: noncharacters (U+FFFE, U+FFFF,
/// U+FDD0–U+FDEF and the last two code points of every plane) and NUL are dropped, a lone surrogate becomes U+FFFD.
/// </summary>
/// <remarks>
/// Unicode normalisation (NFKC, in <see cref="TextNormalizer"/>) throws on U+FFFE/U+FFFF and on lone surrogates, JSON
/// writers refuse lone surrogates, and no phone keyboard types any of these: a truncated UCS-2 part, a bad charset
/// guess or a hostile request are the only sources. Cleaning once, where messages enter, keeps every later step
/// (matching, storage, events, rendering) on text it can handle. Noncharacters are "permanently reserved for
/// internal use" (The Unicode Standard, §23.7), so dropping them loses nothing a citizen wrote.
/// </remarks>
public static class InboundText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var first = FirstInvalid(text);
        if (first < 0) return text;

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(c, text[i + 1]))) builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c)) builder.Append('\uFFFD');
            else if (c != '\0' && !IsNoncharacter(c)) builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary><see cref="Clean"/>, keeping null as null (optional fields such as a button payload).</summary>
    public static string? CleanOptional(string? text) => text is null ? null : Clean(text);

    /// <summary>True when <see cref="Clean"/> would change nothing.</summary>
    public static bool IsClean(string? text) => string.IsNullOrEmpty(text) || FirstInvalid(text) < 0;

    /// <summary>Free text as it is kept (a report, a place): its words separated by one space, no line breaks or runs of blanks.</summary>
    public static string CollapseSpaces(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0xD800 && c != '\0' && c is not (>= '\uFDD0' and <= '\uFDEF')) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(c, text[i + 1]))) return i;
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || c == '\0' || IsNoncharacter(c)) return i;
        }
        return -1;
    }

    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
