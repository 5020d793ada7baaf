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
        "oui", "ouais", "ouai", "ouaip", "ok", "okay", "okey", "oké", "d'accord", "daccord", "d'acc", "dac", "dak", "bien sûr", "bien sur",
        "exactement", "absolument", "volontiers", "évidemment", "tout à fait", "oui oui",
        // English
        "yes", "yeah", "yep",
        // Darija in Arabizi (Latin script)
        "wakha", "wakhha", "waxxa", "waxa", "wa5a", "wakhkha", "wakka", "wakhaa", "iyeh", "iyah", "iyyeh", "iyih", "yih", "ah", "aah",
        "eyh", "ayeh", "wah", "ah wakha", "iyeh wakha", "mouafi9", "muwafiq", "akid", "akiid", "tab3an",
        "ayh", "ayah", "aywa", "iyah wakha", "safi", "safi wakha", "wakha safi", "ah safi", "iyeh safi", "mzyan", "mzian", "mziane",
        "mzyane", "mezyan", "mezian", "mzyan bzaf", "oki", "okii", "oké oké", "ok ok", "wakha ok", "ah ok", "très bien",
        "parfait", "ça marche", "c'est bon", "yes yes",
        // Darija in Arabic script
        "اه", "آه", "ايه", "إيه", "ايوه", "إيوا", "واخا", "واه", "اه واخا", "صافي", "واخا صافي", "مزيان", "اه صافي", "اوكي", "ايوا واخا",
        // Standard Arabic (Arabic script and Arabizi)
        "نعم", "naam", "na3am", "n3am", "اجل", "أكيد", "طبعا", "موافق", "حسنا",
        // Amazigh in Latin script (Tachelhit, Tarifit, Central Atlas)
        "ih", "yah", "yeh", "yyah", "iyyah",
        // Amazigh in Tifinagh
        "ⵢⵀ", "ⵉⵀ", "ⵢⴰⵀ", "ⵢⵉⵀ", "ⵉⵢⵢⴰⵀ", "ⵡⴰⵅⵅⴰ", "ⵡⴰⵅⴰ",
    ];

    private static readonly string[] NoWords =
    [
        // French
        "non", "nan", "non non", "pas du tout", "jamais", "surtout pas",
        // English
        "no", "nope",
        "nn", "pas maintenant", "pas pour le moment", "pas pour l'instant", "non pas maintenant", "non non non",
        "non je ne veux pas", "je ne veux pas", "je veux pas",
        // Darija in Arabizi ("walo" = nothing/none, used as a flat no; "machi daba" = not now)
        "la", "laa", "lla", "la2", "lae", "la la", "walo", "ma bghitch", "mabghitch", "ma bghit", "abadan",
        "machi daba", "mashi daba", "machi db", "machi dba", "machi daba afak", "la machi daba", "machi", "mashi", "la machi",
        "ma bghitch daba", "la la la",
        // Darija and Standard Arabic in Arabic script
        "لا", "لالا", "لا لا", "والو", "كلا", "ما بغيتش", "مابغيتش", "أبدا", "ماشي دابا", "ماشي", "لا ماشي دابا",
        "ماشي دبا", "ليس الآن", "ليس الان", "لا أريد", "لا اريد",
        // Amazigh in Latin script
        "uhu", "oho", "uho", "ur riɣ", "ur righ", "walu",
        // Amazigh in Tifinagh
        "ⵓⵀⵓ", "ⵓⵔ ⵔⵉⵖ",
    ];

    // Each word also in its squeezed form (AnswerWords.Squeeze), so the matcher can look up "ouiii" as "oui" and "lla" as "la".
    private static readonly FrozenSet<string> Yes = Forms(YesWords);
    private static readonly FrozenSet<string> No = Forms(NoWords);

    private static FrozenSet<string> Forms(string[] words) =>
        words.Select(TextNormalizer.Normalize).SelectMany(w => new[] { w, AnswerWords.Squeeze(w) }).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for yes, false for no, null when the whole (normalised) input is neither.</summary>
    public static bool? Parse(string normalized)
    {
        if (Yes.Contains(normalized)) return true;
        if (No.Contains(normalized)) return false;
        return null;
    }
}
