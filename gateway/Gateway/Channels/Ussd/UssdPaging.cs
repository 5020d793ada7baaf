using System.Globalization;
using Gateway.Conversations;

namespace Gateway.Channels.Ussd;

/// <summary>
/// Turns the engine's abstract replies into USSD screens: one string of text and numbered options,
/// split into pages that each fit one USSD string (docs/protocols.md §5: 182 GSM-7 characters, 80 in UCS-2),
/// with "99 next" / "0 back" lines in the reply's language.
/// </summary>
internal static class UssdPaging
{
    public const int Gsm7Limit = 182;
    public const int Ucs2Limit = 80;
    public const string NextKey = "99";
    public const string BackKey = "0";

    public static (string Next, string Back) Labels(string? language) => language switch
    {
        "ar" => ("99 التالي", "0 رجوع"),
        "zgh" => ("99 ⴹⴼⵕ", "0 ⴰⵖⵓⵍ"),
        // Latin-script Amazigh and its varieties (zgh-Latn, shi-Latn, rif-Latn, tzm-Latn).
        { } l when l.EndsWith("-Latn", StringComparison.OrdinalIgnoreCase) => ("99 Dfer", "0 Aghul"),
        _ => ("99 Suite", "0 Retour"),
    };

    /// <summary>
    /// Replies as one text: each reply's text, then its options as "1. Label" lines. A Latin-script screen that needs
    /// UCS-2 only for typography or French accents (’ « » ç ê...) is folded to GSM-7: a USSD screen then holds 182
    /// characters instead of 80, and "français" does not push a menu onto three screens. Arabic and Tifinagh stay as they are.
    /// </summary>
    public static string Render(IReadOnlyList<Reply> replies)
    {
        var content = string.Join("\n\n", replies.Select(r => SmsText.Render(r with { Text = r.Text.Replace("\r\n", "\n").Trim('\n', ' ') })).Where(t => t.Length > 0));
        return SmsText.FoldToGsm7(content);
    }

    /// <summary>
    /// The pages of a step's replies. Notices said before a question (the language confirmation, "not understood") give
    /// way when the question and its options fit one screen without them: a caller can only answer what the screen shows,
    /// and pressing 99 to reach the options (in Arabic, one menu item per screen) is what made USSD hard to use.
    /// </summary>
    public static IReadOnlyList<string> Pages(IReadOnlyList<Reply> replies, string? language)
    {
        var pages = Split(Render(replies), language);
        if (pages.Count == 1 || replies.Count == 0 || replies[^1].Options.Count == 0) return pages;
        var last = replies[^1];
        var question = last.Text.Replace("\r\n", "\n").TrimEnd('\n', ' ');
        var cut = question.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (cut < 0) return pages;
        var alone = Split(Render([last with { Text = question[(cut + 2)..] }]), language);
        return alone.Count == 1 ? alone : pages;
    }

    /// <summary>The character budget of one screen: GSM-7 only when the content and the paging labels all are.</summary>
    public static (int Limit, Func<char, int> Cost) Budget(string content, string? language)
    {
        var (next, back) = Labels(language);
        return Text.Gsm7.IsGsm(content + next + back)
            ? (Gsm7Limit, Text.Gsm7.SeptetsOf)
            : (Ucs2Limit, static _ => 1); // one UTF-16 unit each: a surrogate pair costs 2, as in UCS-2
    }

    /// <summary>Splits content into page bodies (without their paging lines), preferring line, then word boundaries.</summary>
    public static IReadOnlyList<string> Split(string content, string? language)
    {
        var (next, back) = Labels(language);
        var (limit, cost) = Budget(content, language);
        int Measure(string s) { var n = 0; foreach (var c in s) n += cost(c); return n; }

        var pages = new List<string>();
        var rest = content;
        while (true)
        {
            var backCost = pages.Count > 0 ? Measure("\n" + back) : 0;
            if (Measure(rest) + backCost <= limit)
            {
                pages.Add(rest);
                return pages;
            }
            var budget = limit - backCost - Measure("\n" + next);
            var (head, tail) = Cut(rest, budget, cost);
            pages.Add(head);
            rest = tail;
        }
    }

    /// <summary>The screen text for page <paramref name="index"/>; a closing screen offers no paging lines the citizen could not answer.</summary>
    public static string Compose(IReadOnlyList<string> pages, int index, string? language, bool closing)
    {
        var (next, back) = Labels(language);
        var text = pages[index];
        if (index < pages.Count - 1) text += "\n" + next;
        if (index > 0 && !closing) text += "\n" + back;
        return text;
    }

    private static (string Head, string Tail) Cut(string text, int budget, Func<char, int> cost)
    {
        // Longest prefix within budget made of whole text elements (grapheme clusters): never half a surrogate pair,
        // nor an emoji without its skin-tone modifier, nor a letter without its combining mark.
        var end = 0;
        var used = 0;
        while (end < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text, end);
            var elementCost = 0;
            for (var i = end; i < end + length; i++) elementCost += cost(text[i]);
            if (used + elementCost > budget) break;
            used += elementCost;
            end += length;
        }
        if (end == 0) end = StringInfo.GetNextTextElementLength(text, 0); // budget too small for one element: still progress

        var newline = text.LastIndexOf('\n', end - 1, end);
        if (newline > 0) return (text[..newline], text[(newline + 1)..]);
        if (end < text.Length && text[end] == '\n') return (text[..end], text[(end + 1)..]);
        var space = text.LastIndexOf(' ', end - 1, end);
        if (space > 0) return (text[..space], text[(space + 1)..]);
        return (text[..end], text[end..]);
    }
}
