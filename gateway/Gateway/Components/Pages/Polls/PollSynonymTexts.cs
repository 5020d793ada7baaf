using Gateway.Components.Console;

namespace Gateway.Components.Pages.Polls;

/// <summary>The poll form's labels for the options' other words, in French and Arabic (each label has both by construction).</summary>
public static class PollSynonymTexts
{
    private static readonly Dictionary<string, (string Fr, string Ar)> Table = new(StringComparer.Ordinal)
    {
        ["field"] = ("Autres mots compris (une ligne par réponse)", "كلمات أخرى مفهومة (سطر لكل جواب)"),
        ["help"] = ("Les mots courants (lma, الما, ⴰⵎⴰⵏ…) sont ajoutés d'eux-mêmes aux réponses qu'ils désignent. Sur la ligne d'une réponse, ajoutez des mots séparés par des virgules, ou retirez-en un avec « -mot ».",
            "تضاف الكلمات الشائعة (lma، الما، ⴰⵎⴰⵏ…) تلقائيا إلى الأجوبة التي تدل عليها. في سطر الجواب، أضف كلمات مفصولة بفواصل، أو احذف كلمة بكتابة «-كلمة»."),
        ["darija"] = ("Darija en lettres latines", "الدارجة بالحروف اللاتينية"),
        ["heading"] = ("Les citoyens pourront aussi répondre :", "يمكن للمواطنين أيضا أن يجيبوا بـ:"),
        ["error"] = ("Un mot ajouté est le texte d'une autre réponse, ou trop long (40 caractères au plus, 40 mots par réponse).", "كلمة مضافة هي نص جواب آخر، أو طويلة جدا (40 حرفا على الأكثر، و40 كلمة لكل جواب)."),
    };

    public static string Get(string language, string key) => language == ConsoleTexts.Arabic ? Table[key].Ar : Table[key].Fr;
}
