using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Profiles;

/// <summary>
/// Labels the profile's generated options need, and the words of a profile read back (PROFIL). The questions themselves
/// are in flows/profile.yaml. Amazigh drafted in Standard Moroccan Amazigh, to be reviewed by native speakers.
/// </summary>
public static class ProfileTexts
{
    public static readonly LocalizedText Skip = LocalizedText.Of(
        (Languages.French, "Passer"), (Languages.Arabic, "تخطي"), (Languages.Tifinagh, "ⵣⵔⵉ"), (Languages.AmazighLatin, "Zri"));

    /// <summary>Words that skip besides the label (the feedback flow's skip takes the same).</summary>
    public static readonly string[] SkipWords = ["passer", "skip", "non", "no", "0", "لا", "تخطي", "dwz", "uhu", "ⵓⵀⵓ"];

    public static readonly LocalizedText OtherPlace = LocalizedText.Of(
        (Languages.French, "Autre"), (Languages.Arabic, "مكان آخر"), (Languages.Tifinagh, "ⵡⴰⵢⵢⴰⴹ"), (Languages.AmazighLatin, "Wayyad"));

    public static readonly string[] OtherWords = ["autre", "other", "اخر", "akhor"];

    public static readonly LocalizedText Woman = LocalizedText.Of(
        (Languages.French, "femme"), (Languages.Arabic, "امرأة"), (Languages.Tifinagh, "ⵜⴰⵎⵟⵟⵓⵟ"), (Languages.AmazighLatin, "tamttut"));

    public static readonly LocalizedText Man = LocalizedText.Of(
        (Languages.French, "homme"), (Languages.Arabic, "رجل"), (Languages.Tifinagh, "ⴰⵔⴳⴰⵣ"), (Languages.AmazighLatin, "argaz"));

    public static readonly LocalizedText Unstated = LocalizedText.Of(
        (Languages.French, "genre non dit"), (Languages.Arabic, "الجنس غير مذكور"), (Languages.Tifinagh, "ⵓⵔ ⵉⵜⵜⵓⵏⵏⴰ"), (Languages.AmazighLatin, "ur ittunna"));

    public static readonly LocalizedText Born = LocalizedText.Of(
        (Languages.French, "né(e) en {year}"), (Languages.Arabic, "مواليد {year}"), (Languages.Tifinagh, "ⵍⵓⵍ ⴳ {year}"), (Languages.AmazighLatin, "lul g {year}"));

    public static readonly LocalizedText Years = LocalizedText.Of(
        (Languages.French, "{band} ans"), (Languages.Arabic, "{band} سنة"), (Languages.Tifinagh, "{band} ⵉⵙⴳⴳⵯⴰⵙⵏ"), (Languages.AmazighLatin, "{band} isggwasn"));

    public static readonly LocalizedText NothingGiven = LocalizedText.Of(
        (Languages.French, "rien d'indiqué"), (Languages.Arabic, "لا شيء"), (Languages.Tifinagh, "ⵓⵍⴰ ⵢⴰⵜ"), (Languages.AmazighLatin, "ula yat"));
}
