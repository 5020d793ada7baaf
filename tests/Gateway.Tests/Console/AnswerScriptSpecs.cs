using Gateway.Components.Pages.Inbox;
using Gateway.Text;

namespace Gateway.Tests.Console;

/// <summary>When the report page warns that a clerk's answer is written in another script than the citizen's language.</summary>
public sealed class AnswerScriptSpecs
{
    public static TheoryData<string, string, Script?> Cases => new()
    {
        { "تم إصلاح القناة هذا الصباح", "fr", Script.Arabic },        // Arabic words to a citizen who wrote in French
        { "La conduite a été réparée.", "ar", Script.Latin },          // French to a citizen who wrote in Arabic
        { "wakha, safi, tssla7 lma", "ar", Script.Latin },             // Darija in Latin letters: not what an Arabic writer reads
        { "ⵜⴰⵏⵎⵎⵉⵔⵜ", "fr", Script.Tifinagh },
        { "La conduite a été réparée.", "fr", null },
        { "Tanmmirt, iga bdu", "zgh-Latn", null },                      // Amazigh in Latin letters to its own writer
        { "تم إصلاح القناة", "ar", null },
        { "ⵜⴰⵏⵎⵎⵉⵔⵜ", "zgh", null },
        { "", "ar", null },
        { "   ", "fr", null },
        { "12/03 08:00", "ar", null },                                  // digits and signs say nothing
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_answer_warns_only_when_its_script_is_not_the_citizen_languages(string answer, string citizenLanguage, Script? warned) =>
        Assert.Equal(warned, AnswerScript.Mismatch(answer, citizenLanguage));
}
