using System.Collections.Frozen;

namespace Gateway.Text;

/// <summary>Yes/no in French, Arabic, Darija (Arabic script and Arabizi) and Amazigh.</summary>
public static class YesNo
{
    // Each word is written as people type it and folded with TextNormalizer when the set is built,
    // so "إيه" and "ايه" are one entry and the sets always agree with what Parse receives.
    private static readonly string[] YesWords =
    [
        // French
        "oui", "ouais", "ouai", "ok", "okay", "d'accord", "daccord",
        // English
        "yes", "yeah", "yep",
        // Darija in Arabizi (Latin script)
        "wakha", "wakhha", "waxxa", "wakhkha", "wakka", "iyeh", "iyah", "iyyeh", "ah", "aah", "eyh", "ayeh", "wah",
        // Darija in Arabic script
        "اه", "آه", "ايه", "إيه", "واخا", "واه",
        // Standard Arabic (Arabic script and Arabizi)
        "نعم", "naam", "na3am", "اجل",
        // Amazigh in Latin script (Tachelhit, Tarifit, Central Atlas)
        "ih", "yah", "yeh",
        // Amazigh in Tifinagh
        "ⵢⵀ", "ⵉⵀ", "ⵢⴰⵀ", "ⵡⴰⵅⵅⴰ",
    ];

    private static readonly string[] NoWords =
    [
        // French
        "non", "nan",
        // English
        "no", "nope",
        // Darija in Arabizi ("walo" = nothing/none, used as a flat no)
        "la", "laa", "lla", "la2", "walo",
        // Darija and Standard Arabic in Arabic script
        "لا", "والو",
        // Amazigh in Latin script
        "uhu", "oho",
        // Amazigh in Tifinagh
        "ⵓⵀⵓ",
    ];

    private static readonly FrozenSet<string> Yes = YesWords.Select(TextNormalizer.Normalize).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> No = NoWords.Select(TextNormalizer.Normalize).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for yes, false for no, null when the whole (normalised) input is neither.</summary>
    public static bool? Parse(string normalized)
    {
        if (Yes.Contains(normalized)) return true;
        if (No.Contains(normalized)) return false;
        return null;
    }
}
