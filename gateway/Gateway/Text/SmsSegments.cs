
namespace Gateway.Text;

public enum SmsEncoding { Gsm7, Ucs2 }

/// <summary>How an SMS text is encoded and billed.</summary>
/// <param name="Characters">Characters as people count them (Unicode scalar values).</param>
/// <param name="Units">GSM-7 septets (extension characters count two) or UCS-2 UTF-16 code units (emoji count two).</param>
/// <param name="Segments">Parts the operator bills; 0 for an empty text.</param>
/// <param name="NonGsmCharacters">Distinct characters that force UCS-2, in order of first appearance.</param>
public sealed record SegmentInfo(SmsEncoding Encoding, int Characters, int Units, int Segments, IReadOnlyList<string> NonGsmCharacters);

/// <summary>Counts SMS segments as Twilio's segment calculator does (docs/protocols.md §6).</summary>
public static class SmsSegments
{
    public const int Gsm7SingleSegment = 160;
    public const int Gsm7PerPart = 153;   // 7 septets go to the concatenation header
    public const int Ucs2SingleSegment = 70;
    public const int Ucs2PerPart = 67;    // 3 code units go to the concatenation header

    public static SegmentInfo Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return new SegmentInfo(SmsEncoding.Gsm7, 0, 0, 0, []);

        var characters = 0;
        List<string>? nonGsm = null;
        foreach (var rune in text.EnumerateRunes()) // lone surrogates come out as U+FFFD, which is not GSM
        {
            characters++;
            if (Gsm7.IsGsm(rune)) continue;
            nonGsm ??= [];
            var s = rune.ToString();
            if (!nonGsm.Contains(s)) nonGsm.Add(s);
        }

        if (nonGsm is null)
        {
            var septets = Gsm7.Septets(text);
            return new SegmentInfo(SmsEncoding.Gsm7, characters, septets, CountGsm7Parts(text, septets), []);
        }
        return new SegmentInfo(SmsEncoding.Ucs2, characters, text.Length, CountUcs2Parts(text), nonGsm);
    }

    // An escape pair (ESC + code) is never split across parts: a part that cannot take both starts a new one.
    private static int CountGsm7Parts(string text, int septets)
    {
        if (septets <= Gsm7SingleSegment) return 1;
        int parts = 1, used = 0;
        foreach (var c in text)
        {
            var size = Gsm7.SeptetsOf(c);
            if (used + size > Gsm7PerPart) { parts++; used = 0; }
            used += size;
        }
        return parts;
    }

    // A surrogate pair (emoji, most supplementary characters) is never split across parts.
    private static int CountUcs2Parts(string text)
    {
        if (text.Length <= Ucs2SingleSegment) return 1;
        int parts = 1, used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var size = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + size > Ucs2PerPart) { parts++; used = 0; }
            used += size;
            i += size - 1;
        }
        return parts;
    }
}
