using System.Globalization;
using Gateway.Components.Console;

namespace Gateway.Components.Pages.Polls;

/// <summary>The poll pages' words for a poll's audience (issue 24), in French and Arabic (each has both by construction).</summary>
public static class PollAudienceTexts
{
    private static readonly Dictionary<string, (string Fr, string Ar)> Table = new(StringComparer.Ordinal)
    {
        ["legend"] = ("Public du sondage", "جمهور الاستطلاع"),
        ["help"] = ("Laissez tout décoché pour un sondage ouvert à tous. Si vous cochez, seuls ces citoyens comptent : une personne dont le profil ne dit pas ce qu'il faut reçoit cette seule question avant que son vote compte, et les votes venus d'en dehors du public sont notés à part, hors des résultats.",
            "اترك كل الخانات فارغة لاستطلاع مفتوح للجميع. إذا اخترت، لا يحتسب إلا صوت هؤلاء المواطنين: من لا يذكر ملفه المعلومة المطلوبة يُسأل هذا السؤال وحده قبل احتساب صوته، وتسجل أصوات من هم خارج الجمهور على حدة، خارج النتائج."),
        ["ages"] = ("Tranches d'âge", "الفئات العمرية"),
        ["genders"] = ("Genre", "الجنس"),
        ["places"] = ("Quartiers et douars", "الأحياء والدواوير"),
        ["noPlaces"] = ("La commune n'a pas encore de liste de lieux.", "لا توجد بعد لائحة أماكن لهذه الجماعة."),
        ["woman"] = ("Femmes", "النساء"),
        ["man"] = ("Hommes", "الرجال"),
        ["unstated"] = ("Préfèrent ne pas dire", "يفضلون عدم القول"),
        ["other"] = ("Autre lieu", "مكان آخر"),
        ["years"] = ("{0} ans", "{0} سنة"),
        ["error"] = ("Le public choisi n'est pas valable (une tranche d'âge ou un lieu n'existe plus) : vérifiez les cases cochées.", "الجمهور المختار غير صالح (فئة عمرية أو مكان لم يعد موجودا): تحقق من الخانات المختارة."),
        ["shown"] = ("Public : {0}", "الجمهور: {0}"),
        ["everyone"] = ("tout le monde", "الجميع"),
        ["outside"] = ("{0} votes venus d'en dehors du public, non comptés", "{0} صوتا من خارج الجمهور، غير محتسبة"),
        ["outsideByOption"] = ("Votes hors public, par réponse (non comptés)", "أصوات من خارج الجمهور حسب الجواب (غير محتسبة)"),
    };

    public static string Get(string language, string key) => language == ConsoleTexts.Arabic ? Table[key].Ar : Table[key].Fr;

    public static string Get(string language, string key, object value) =>
        string.Format(language == ConsoleTexts.Arabic ? CultureInfo.GetCultureInfo("ar-MA") : CultureInfo.GetCultureInfo("fr-MA"), Get(language, key), value);
}
