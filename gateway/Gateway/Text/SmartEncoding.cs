using System.Collections.Frozen;
using System.Text;

namespace Gateway.Text;

/// <summary>A character that forces UCS-2 and the GSM-7 text that can stand in for it.</summary>
public sealed record CharacterReplacement(string Character, string Replacement);

/// <summary>
/// Twilio's Smart Encoding (docs/protocols.md §6): typographic characters that force UCS-2 replaced by
/// GSM-7 look-alikes. Accented letters, Arabic, Tifinagh and emoji are never touched.
/// </summary>
public static class SmartEncoding
{
    private static readonly FrozenDictionary<char, string> Map = BuildMap();

    /// <summary>The text with every replaceable character replaced (it may still need UCS-2).</summary>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfReplaceable(text);
        if (first < 0) return text;

        var sb = new StringBuilder(text.Length + 8);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (TryReplace(text[i], out var replacement)) sb.Append(replacement);
            else sb.Append(text[i]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The replaced text when it is then entirely GSM-7, else null: like Twilio, replace only when it
    /// actually saves the message from UCS-2 (an Arabic text keeps its typography).
    /// </summary>
    public static string? ApplyIfGsm(string text)
    {
        var applied = Apply(text);
        return Gsm7.IsGsm(applied) ? applied : null;
    }

    /// <summary>The distinct characters of the text that have a replacement, in order of first appearance.</summary>
    public static IReadOnlyList<CharacterReplacement> Suggestions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<CharacterReplacement>? found = null;
        foreach (var c in text)
        {
            if (!TryReplace(c, out var replacement)) continue;
            found ??= [];
            var character = c.ToString();
            if (!found.Exists(r => r.Character == character)) found.Add(new CharacterReplacement(character, replacement));
        }
        return found ?? (IReadOnlyList<CharacterReplacement>)[];
    }

    private static int IndexOfReplaceable(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (TryReplace(text[i], out _)) return i;
        return -1;
    }

    private static bool TryReplace(char c, out string replacement)
    {
        if (c < 0x80 && c != '\t' && c != '`') { replacement = ""; return false; } // ASCII fast path
        // Fullwidth ASCII (U+FF01–U+FF5E) → ASCII, as typed on CJK and some Arabic phone keyboards.
        if (c is >= '\uFF01' and <= '\uFF5E') { replacement = ((char)(c - 0xFEE0)).ToString(); return true; }
        return Map.TryGetValue(c, out replacement!);
    }

    private static FrozenDictionary<char, string> BuildMap()
    {
        var map = new Dictionary<char, string>();
        void Add(string characters, string replacement) { foreach (var c in characters) map[c] = replacement; }

        Add("«»“”„‟″", "\"");
        Add("‘’‚‛´ʼ`′", "'");
        Add("–—―‐‑‒•", "-");
        Add("…", "...");
        Add("‹", ">"); // reversed, as in Twilio's SmartEncodingMap
        Add("›", "<");
        Add("‼", "!!");
        Add("÷", "/");
        Add("¼", "1/4");
        Add("½", "1/2");
        Add("¾", "3/4");
        Add("\u02BA", "\""); // modifier letter double prime
        Add("\u02C6", "^");
        Add("\u02DC", "~");
        Add("\u2044", "/");  // fraction slash
        Add("\u2215", "/");  // division slash
        Add("\u2028\u2029", "\n");
        // Unicode spaces: NBSP, NNBSP (French typography before ; : ! ?), en/em/thin spaces, ideographic…
        Add("\t\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000", " ");
        // Invisible: soft hyphen, zero-width space/joiners, word joiner, BOM.
        Add("\u00AD\u200B\u200C\u200D\u2060\uFEFF", "");
        return map.ToFrozenDictionary();
    }
}
