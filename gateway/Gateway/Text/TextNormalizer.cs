using System.Buffers;
using System.Globalization;
using System.Text;

namespace Gateway.Text;

/// <summary>Folds what citizens type into one comparable form (case, accents, Arabic variants, digits of every script).</summary>
/// <remarks>
/// Answers and keywords are matched in every language at once, so one fold serves Latin (French,
/// Arabizi, Latin Amazigh), Arabic (MSA, Darija, Persian/Urdu keyboards) and Tifinagh:
/// NFKC, then one pass that lowercases and strips Latin accents, unifies Arabic letter variants,
/// drops diacritics, tatweel and hamza, folds every decimal digit to ASCII, turns punctuation and
/// symbols into spaces and collapses whitespace. Text that is already folded is returned as is.
/// </remarks>
public static class TextNormalizer
{
    private const int StackLimit = 256;

    // Latin letters U+00C0–U+024F and U+1E00–U+1EFF, lowercased and without accents.
    // Built once from Unicode decompositions so the table cannot drift from the standard.
    private static readonly string?[] Latin1ToExtB = BuildLatinTable(0x00C0, 0x024F);
    private static readonly string?[] LatinExtAdditional = BuildLatinTable(0x1E00, 0x1EFF);

    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input)) return "";

        // A truncated UCS-2 part can leave a lone surrogate, on which Unicode normalisation throws.
        var text = HasLoneSurrogate(input) ? ReplaceLoneSurrogates(input) : input;
        // Fast path: most messages are already NFKC (plain ASCII always is), so this rarely allocates.
        if (!text.IsNormalized(NormalizationForm.FormKC)) text = text.Normalize(NormalizationForm.FormKC);

        // No fold emits more than two chars for one ("œ" → "oe", "ß" → "ss").
        var capacity = text.Length * 2;
        char[]? rented = null;
        var buffer = capacity <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var length = Fold(text, buffer);
            var folded = buffer[..length];
            return folded.SequenceEqual(input) ? input : new string(folded);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>The first word of an already normalised text ("" when none).</summary>
    public static string FirstWord(string normalized)
    {
        var i = normalized.IndexOf(' ');
        return i < 0 ? normalized : normalized[..i];
    }

    /// <summary>
    /// True when the whole text is a small non-negative integer (1 to 9 digits, so it always fits an int),
    /// in any digit script: "٣" → 3, "۲" → 2, " 2 " → 2, "02" → 2. Menu answers are numbers everywhere.
    /// </summary>
    public static bool TryReadNumber(string normalized, out int value)
    {
        value = 0;
        var span = normalized.AsSpan().Trim();
        if (span.IsEmpty || span.Length > 9) return false;
        var result = 0;
        foreach (var c in span)
        {
            var digit = DigitValue(c);
            if (digit < 0) return false;
            result = result * 10 + digit;
        }
        value = result;
        return true;
    }

    /// <summary>The value of a decimal digit of any script (ASCII, Arabic-Indic, extended Arabic-Indic, …), else -1.</summary>
    internal static int DigitValue(char c)
    {
        if (c is >= '0' and <= '9') return c - '0';
        if (c < 0x80) return -1;
        return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber ? CharUnicodeInfo.GetDecimalDigitValue(c) : -1;
    }

    private static int Fold(string text, Span<char> output)
    {
        var written = 0;
        var pendingSpace = false;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];

            // ASCII first: the bulk of SMS traffic.
            if (c < 0x80)
            {
                if (c is >= 'a' and <= 'z' or >= '0' and <= '9') Emit(c, output, ref written, ref pendingSpace);
                else if (c is >= 'A' and <= 'Z') Emit((char)(c + 32), output, ref written, ref pendingSpace);
                else pendingSpace = true; // punctuation, symbols, whitespace and controls all separate words
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                FoldSupplementary(new Rune(c, text[i + 1]), output, ref written, ref pendingSpace);
                i++;
                continue;
            }

            var mapped = MapArabic(c);
            if (mapped == '\0') continue;          // removed: tatweel, standalone hamza, harakat
            if (mapped != c)
            {
                Emit(mapped, output, ref written, ref pendingSpace);
                continue;
            }

            if (c is >= '\u00C0' and <= '\u024F' && Latin1ToExtB[c - 0x00C0] is { } latin)
            {
                EmitAll(latin, output, ref written, ref pendingSpace);
                continue;
            }
            if (c is >= '\u1E00' and <= '\u1EFF' && LatinExtAdditional[c - 0x1E00] is { } latinAdditional)
            {
                EmitAll(latinAdditional, output, ref written, ref pendingSpace);
                continue;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.DecimalDigitNumber:
                    Emit((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)), output, ref written, ref pendingSpace);
                    break;
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                    Emit(char.ToLowerInvariant(c), output, ref written, ref pendingSpace);
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                    Emit(c, output, ref written, ref pendingSpace);
                    break;
                // Diacritics of any script (incl. the Tifinagh joiner U+2D7F, variation selectors)
                // and invisible format characters (ZWJ, ZWNJ, RLM, BOM) carry no meaning for matching.
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Format:
                    break;
                // Punctuation (incl. Arabic comma and question mark), symbols, spaces, controls.
                default:
                    pendingSpace = true;
                    break;
            }
        }
        return written;
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else return true;
        }
        return false;
    }

    private static string ReplaceLoneSurrogates(string s)
    {
        var sb = new StringBuilder(s.Length);
        Span<char> pair = stackalloc char[2];
        foreach (var rune in s.EnumerateRunes())
            sb.Append(rune == Rune.ReplacementChar ? " " : pair[..rune.EncodeToUtf16(pair)]);
        return sb.ToString();
    }

    private static void FoldSupplementary(Rune rune, Span<char> output, ref int written, ref bool pendingSpace)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.DecimalDigitNumber:
                Emit((char)('0' + (int)Rune.GetNumericValue(rune)), output, ref written, ref pendingSpace);
                break;
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                var lower = Rune.ToLowerInvariant(rune);
                if (pendingSpace && written > 0) output[written++] = ' ';
                pendingSpace = false;
                written += lower.EncodeToUtf16(output[written..]);
                break;
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
                break;
            default: // emoji and other symbols separate words
                pendingSpace = true;
                break;
        }
    }

    /// <summary>Arabic-script folds: the char itself when untouched, '\0' when removed.</summary>
    private static char MapArabic(char c)
    {
        if (c is < '\u0600' or > '\u06FF') return c;
        return c switch
        {
            '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627', // أ إ آ ٱ → ا
            '\u0629' => '\u0647',                                      // ة → ه
            '\u0649' => '\u064A',                                      // ى → ي
            '\u0624' => '\u0648',                                      // ؤ → و
            '\u0626' => '\u064A',                                      // ئ → ي
            '\u06A9' => '\u0643',                                      // Persian/Urdu keheh ک → ك
            '\u06CC' => '\u064A',                                      // Persian/Urdu yeh ی → ي
            '\u0621' => '\0',                                          // standalone hamza ء
            '\u0640' => '\0',                                          // tatweel ـ
            >= '\u064B' and <= '\u065F' => '\0',                       // harakat, shadda, sukun, …
            '\u0670' => '\0',                                          // superscript alef
            >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')), // Arabic-Indic digits
            >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')), // extended (Persian/Urdu) digits
            _ => c,
        };
    }

    private static void Emit(char c, Span<char> output, ref int written, ref bool pendingSpace)
    {
        if (pendingSpace && written > 0) output[written++] = ' ';
        pendingSpace = false;
        output[written++] = c;
    }

    private static void EmitAll(string s, Span<char> output, ref int written, ref bool pendingSpace)
    {
        foreach (var c in s) Emit(c, output, ref written, ref pendingSpace);
    }

    private static string?[] BuildLatinTable(int first, int last)
    {
        var table = new string?[last - first + 1];
        var sb = new StringBuilder(4);
        for (var cp = first; cp <= last; cp++)
        {
            var c = (char)cp;
            var special = SpecialLatin(c);
            if (special is not null) { table[cp - first] = special; continue; }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter))
                continue; // × ÷ and the like fall through to the general rules

            sb.Clear();
            foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                    sb.Append(char.ToLowerInvariant(d));
            table[cp - first] = sb.ToString();
        }
        return table;
    }

    // Letters that are not "base + accent" in Unicode but that people write for the plain letters.
    private static string? SpecialLatin(char c) => c switch
    {
        'ß' or 'ẞ' => "ss",
        'Œ' or 'œ' => "oe",
        'Æ' or 'æ' => "ae",
        'Ø' or 'ø' => "o",
        'Đ' or 'đ' or 'Ð' or 'ð' => "d",
        'Þ' or 'þ' => "th",
        'Ł' or 'ł' => "l",
        'Ħ' or 'ħ' => "h",
        'Ŧ' or 'ŧ' => "t",
        'ı' => "i",
        _ => null,
    };
}
