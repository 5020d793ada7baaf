using System.Globalization;
using System.Text;
using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Polls;

/// <summary>
/// What the gateway says about polls, in the four text sets. Amazigh drafted in Standard Moroccan Amazigh, to be
/// reviewed by native speakers (as the flow files are).
/// </summary>
public static class PollTexts
{
    /// <summary>Said by the poll flow's end node; <c>{poll_choice}</c> is the session variable the vote action sets.</summary>
    public static readonly LocalizedText Confirmation = LocalizedText.Of(
        (Languages.French, "Merci ! Votre vote « {poll_choice} » est enregistré."),
        (Languages.Arabic, "شكرا! تم تسجيل صوتك: «{poll_choice}»."),
        (Languages.Tifinagh, "ⵜⴰⵏⵎⵎⵉⵔⵜ! ⵉⵜⵜⵓⵣⵎⵎⴻⵎ ⵓⵙⵜⴰⵢ ⵏⵏⴽ: «{poll_choice}»."),
        (Languages.AmazighLatin, "Tanmmirt! Ittuzmmem ustay nnk: «{poll_choice}»."));

    /// <summary>Asked when a poll keyword comes from a contact whose commune is not known yet.</summary>
    public static readonly LocalizedText WhichCommune = LocalizedText.Of(
        (Languages.French, "Votre commune ?"),
        (Languages.Arabic, "ما هي جماعتك؟"),
        (Languages.Tifinagh, "ⵎⴰⵜⵜⴰ ⵜⴰⵊⵎⴰⵄⵜ ⵏⵏⴽ?"),
        (Languages.AmazighLatin, "Matta tajmaat nnk?"));

    public static readonly LocalizedText Closed = LocalizedText.Of(
        (Languages.French, "Ce sondage est clos, merci de votre intérêt."),
        (Languages.Arabic, "هذا الاستطلاع مغلق، شكرا على اهتمامك."),
        (Languages.Tifinagh, "ⴰⵙⵇⵙⵉ ⴰⴷ ⵉⵎⴷⵍ, ⵜⴰⵏⵎⵎⵉⵔⵜ."),
        (Languages.AmazighLatin, "Asqsi ad imdl, tanmmirt."));

    public static readonly LocalizedText NotOpen = LocalizedText.Of(
        (Languages.French, "Ce sondage n'est pas encore ouvert. Réessayez plus tard."),
        (Languages.Arabic, "هذا الاستطلاع لم يفتح بعد. أعد المحاولة لاحقا."),
        (Languages.Tifinagh, "ⴰⵙⵇⵙⵉ ⴰⴷ ⵓⵔ ⵜⴰ ⵉⵜⵜⵢⴰⵔⵥⵎ. ⴰⵍⵙ ⴷⴼⴼⵉⵔ."),
        (Languages.AmazighLatin, "Asqsi ad ur ta ittyarzm. Als dffir."));

    /// <summary><c>{choice}</c>: the option voted before.</summary>
    public static readonly LocalizedText AlreadyVoted = LocalizedText.Of(
        (Languages.French, "Vous avez déjà voté pour « {choice} ». Un seul vote par téléphone : il ne peut pas être changé."),
        (Languages.Arabic, "لقد صوتت من قبل لـ «{choice}». صوت واحد لكل هاتف، ولا يمكن تغييره."),
        (Languages.Tifinagh, "ⵜⴼⴽⵉⴷ ⵢⴰⴷ ⴰⵙⵜⴰⵢ ⵏⵏⴽ ⵉ «{choice}». ⵢⴰⵏ ⵓⵙⵜⴰⵢ ⵉ ⵢⴰⵏ ⵓⵜⵉⵍⵉⴼⵓⵏ."),
        (Languages.AmazighLatin, "Tfkid yad astay nnk i «{choice}». Yan ustay i yan utilifun."));

    /// <summary><c>{previous}</c>: the option the new vote replaces.</summary>
    public static readonly LocalizedText Changed = LocalizedText.Of(
        (Languages.French, "Votre vote précédent (« {previous} ») est remplacé."),
        (Languages.Arabic, "تم تغيير صوتك السابق («{previous}»)."),
        (Languages.Tifinagh, "ⴰⵙⵜⴰⵢ ⵏⵏⴽ ⴰⵎⵣⵡⴰⵔⵓ («{previous}») ⵉⵜⵜⵓⴱⴷⴷⵍ."),
        (Languages.AmazighLatin, "Astay nnk amzwaru («{previous}») ittubddl."));

    private static readonly LocalizedText ResultsHeading = LocalizedText.Of(
        (Languages.French, "Résultats :"), (Languages.Arabic, "النتائج:"), (Languages.Tifinagh, "ⵜⵉⵢⴰⴼⵓⵜⵉⵏ:"), (Languages.AmazighLatin, "Tiyafutin:"));

    private static readonly LocalizedText TotalLabel = LocalizedText.Of(
        (Languages.French, "Total"), (Languages.Arabic, "المجموع"), (Languages.Tifinagh, "ⴰⵎⴰⵜⴰ"), (Languages.AmazighLatin, "Amata"));

    /// <summary>"This poll is closed", with the final results in each language when the poll publishes them and they are known.</summary>
    public static LocalizedText ClosedWithResults(Poll poll)
    {
        if (!poll.Definition.PublishResults || poll.FinalTallies is not { } tallies) return Closed;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Languages.Core)
        {
            var chain = Languages.Chain(language, null, null);
            var text = new StringBuilder(Closed.Resolve(chain).Text).Append('\n').Append(ResultsHeading.Resolve(chain).Text);
            for (var i = 0; i < tallies.Count; i++)
                text.Append('\n').Append(i + 1).Append(". ").Append(poll.OptionText(i + 1).Resolve(chain).Text)
                    .Append(" : ").Append(tallies[i].ToString(CultureInfo.InvariantCulture));
            text.Append('\n').Append(TotalLabel.Resolve(chain).Text).Append(" : ").Append(tallies.Sum().ToString(CultureInfo.InvariantCulture));
            texts[language] = text.ToString();
        }
        return new LocalizedText(texts);
    }

    /// <summary>The same text with each language's <c>{name}</c> replaced by a value resolved in that language.</summary>
    public static LocalizedText With(LocalizedText text, string name, Func<IReadOnlyList<string>, string> value) =>
        new(text.Texts.ToDictionary(t => t.Key,
            t => t.Value.Replace("{" + name + "}", value(Languages.Chain(t.Key, null, null)), StringComparison.Ordinal),
            StringComparer.Ordinal));
}
