using System.Text;

namespace Gateway.Text;

/// <summary>
/// "de" before a name that starts with a vowel sound is written "d'" in French: "les réunions d'Agadir", "d'Al Hoceïma",
/// "d'Oujda", but "de Béni Mellal", "de Casablanca".
/// </summary>
public static class FrenchElision
{
    /// <summary>When <paramref name="before"/> ends with the word "de " and <paramref name="name"/> starts with a vowel (or a mute h), makes it "d'".</summary>
    public static void Apply(StringBuilder before, string name)
    {
        if (name.Length == 0 || !StartsWithVowelSound(name)) return;
        var n = before.Length;
        if (n < 3 || before[n - 1] != ' ' || before[n - 2] != 'e' || before[n - 3] is not ('d' or 'D')) return;
        if (n > 3 && char.IsLetter(before[n - 4])) return; // "code Agadir" is not "de"
        before.Length = n - 2;
        before.Append('\'');
    }

    /// <summary>"d'Agadir", "de Casablanca": the preposition and the name.</summary>
    public static string De(string name) => name.Length > 0 && StartsWithVowelSound(name) ? "d'" + name : "de " + name;

    private static bool StartsWithVowelSound(string name)
    {
        var first = TextNormalizer.Normalize(name[..Math.Min(name.Length, 2)]);
        // Not y or h: "de Youssoufia", "de Had Soualem" keep their "de".
        return first.Length > 0 && first[0] is 'a' or 'e' or 'i' or 'o' or 'u';
    }
}
