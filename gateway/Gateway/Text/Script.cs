using System.Text;

namespace Gateway.Text;

/// <summary>The writing system a message is mostly in; suggests the contact's language.</summary>
public enum Script { Unknown, Latin, Arabic, Tifinagh }

public static class ScriptDetector
{
    /// <summary>
    /// The script of at least 60% of the letters, else <see cref="Script.Unknown"/>. Digits, punctuation
    /// and emoji are ignored; letters of other scripts count against the majority.
    /// </summary>
    /// <remarks>Arabizi ("wakha", "3afak") is Latin: the script says how to answer, not which language.</remarks>
    public static Script Detect(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Script.Unknown;

        int latin = 0, arabic = 0, tifinagh = 0, letters = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) continue;
            letters++;
            switch (Classify(rune.Value))
            {
                case Script.Latin: latin++; break;
                case Script.Arabic: arabic++; break;
                case Script.Tifinagh: tifinagh++; break;
            }
        }
        if (letters == 0) return Script.Unknown;

        var (best, count) = latin >= arabic
            ? (latin >= tifinagh ? (Script.Latin, latin) : (Script.Tifinagh, tifinagh))
            : (arabic >= tifinagh ? (Script.Arabic, arabic) : (Script.Tifinagh, tifinagh));
        return count * 5 >= letters * 3 ? best : Script.Unknown; // count / letters >= 60%
    }

    private static Script Classify(int cp) => cp switch
    {
        <= 0x024F => Script.Latin, // Basic Latin, Latin-1 Supplement, Extended-A and -B (letters only reach here)
        >= 0x1E00 and <= 0x1EFF => Script.Latin, // Latin Extended Additional (Vietnamese, ẞ, …)
        >= 0x0600 and <= 0x06FF => Script.Arabic,
        >= 0x0750 and <= 0x077F => Script.Arabic, // Arabic Supplement
        >= 0xFB50 and <= 0xFDFF => Script.Arabic, // presentation forms A
        >= 0xFE70 and <= 0xFEFF => Script.Arabic, // presentation forms B
        >= 0x2D30 and <= 0x2D7F => Script.Tifinagh,
        _ => Script.Unknown,
    };
}
