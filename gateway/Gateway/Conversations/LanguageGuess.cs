using System.Collections.Frozen;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// The language a first message is written in, decided before anything answers it (commands included).
/// Arabic script → Arabic; Tifinagh → Amazigh in Tifinagh; Latin script is French, Amazigh in Latin script, or Darija
/// in Latin letters (Arabizi: "salam", "bghit", "3la"), told apart by a small lexicon of common words and greetings and
/// by digits used as letters. Darija in Latin letters has no text set of its own, and its writers may prefer Arabic or
/// French: that is <see cref="Ask"/>, and the gateway asks rather than guesses.
/// </summary>
public static class LanguageGuess
{
    /// <summary>The text says nothing sure about its language (Arabizi, digits only, a USSD dial): ask the language question.</summary>
    public const string? Ask = null;

    // Common Darija words as written in Latin letters; each also counts when written with Arabizi digits (matched folded).
    private static readonly FrozenSet<string> Darija = Set(
        "salam", "slm", "salamo", "salamu", "assalam", "sbah", "sba7", "msa", "lkhir", "labas", "bikhir", "bikher", "hamdolah",
        "hamdullah", "lhamdolilah", "kidayr", "kidayra", "kidayrin", "kif", "kifach", "kifash", "chno", "chnou", "achno", "ach",
        "wach", "wash", "fin", "fen", "imta", "3lach", "3lash", "bghit", "bghina", "bgha", "kanbghi", "nbghi", "nchki", "nchtki",
        "dyal", "dial", "diali", "dyali", "dyalna", "m3a", "3la", "3lih", "hna", "tma", "daba", "mazal", "mazal", "kayn", "kayna",
        "makaynch", "makaynach", "makaynash", "kayen", "walo", "bzaf", "bezaf", "mzyan", "mezyan", "zwin", "khayb", "safi", "wakha",
        "waxa", "iyeh", "wlah", "wallah", "wellah", "inchallah", "nchallah", "khoya", "khouya", "khti", "sidi", "3afak", "afak",
        "choukran", "chokran", "shukran", "derb", "lhay", "zanka", "ma3ndnach", "ma3ndich", "3ndna", "3andna", "had", "hadchi",
        "hadi", "hada", "chi", "chwiya", "ghir", "ila", "bach", "ana", "nta", "nti", "7na", "huma", "ray", "mosa3ada", "3awni",
        "logha", "bda", "7bes", "hbes", "baraka", "lma", "do", "dow", "triq", "zbel", "lkhdma", "l3mal", "jma3a", "jjma3a");

    // Common Amazigh words in Latin script (Tachelhit, Tarifit, Central Atlas), the gateway's own Amazigh keywords included.
    private static readonly FrozenSet<string> Amazigh = Set(
        "azul", "azol", "tanmmirt", "tanemmirt", "tanmirt", "manzakin", "manzaken", "mamek", "mamec", "mamch", "tgit", "tgid",
        "labas", "ulac", "ixf", "ikhf", "awal", "tilgha", "tawisi", "tutlayt", "talgamt", "bedd", "bdu", "tamazight", "tamazirt",
        "tajmaat", "tiznagt", "aman", "abrid", "amukras", "ighrem", "tadart", "tigmmi", "nkki", "nekk", "nttat", "ddu", "iwa",
        "uhu", "yah", "ur", "ghr", "nnk", "nnm", "kra", "tzmirt", "ssalam", "afulki", "ifulki", "tfulkit", "tasaft");

    // Common French words: "bonjour", articles, pronouns, the words of a complaint.
    private static readonly FrozenSet<string> French = Set(
        "bonjour", "bonsoir", "salut", "merci", "svp", "stp", "oui", "non", "je", "j", "tu", "il", "elle", "nous", "vous", "ils",
        "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "et", "ou", "est", "sont", "pas", "ne", "n", "y", "a", "au", "aux",
        "dans", "depuis", "pour", "avec", "sur", "sans", "plus", "tres", "rien", "notre", "nos", "votre", "mon", "ma", "mes", "ce",
        "cette", "ces", "qui", "que", "quoi", "quand", "comment", "probleme", "eau", "route", "rue", "quartier", "jours", "semaine",
        "coupure", "panne", "commune", "aide", "menu", "langue", "avis", "plainte", "signaler", "abonner", "arret", "reunion",
        "ca", "c", "s", "qu", "mais", "donc", "aussi", "encore", "toujours", "jamais", "beaucoup", "bien", "madame", "monsieur");

    /// <summary>The language code the message suggests, or <see cref="Ask"/>.</summary>
    public static string? Of(string raw) => ScriptDetector.Detect(raw) switch
    {
        Script.Arabic => Languages.Arabic,
        Script.Tifinagh => Languages.Tifinagh,
        Script.Latin => OfLatin(TextNormalizer.Normalize(raw)),
        _ => Ask,
    };

    private static string? OfLatin(string normalized)
    {
        int french = 0, darija = 0, amazigh = 0;
        foreach (var token in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = AnswerWords.Squeeze(token);
            if (Amazigh.Contains(word)) amazigh++;
            if (Darija.Contains(word) || IsArabizi(token)) darija++;
            if (French.Contains(word)) french++;
        }
        if (amazigh > darija && amazigh >= french) return Languages.AmazighLatin;
        if (darija > 0 && darija >= french) return Ask;
        // Nothing known either way: Latin script in Morocco is first of all French, the administration's working language.
        return Languages.French;
    }

    /// <summary>Digits used as letters (3 = ع, 7 = ح, 9 = ق, 5 = خ, 2 = ء): "3la", "m3a", "7bes"; not "2eme", "1er", "3j".</summary>
    private static bool IsArabizi(string token)
    {
        if (token.Length < 3) return false;
        bool letters = false, digits = false;
        foreach (var c in token)
        {
            if (char.IsAsciiLetter(c)) letters = true;
            else if (c is '2' or '3' or '5' or '7' or '9') digits = true;
            else if (char.IsAsciiDigit(c)) return false;
        }
        if (!letters || !digits) return false;
        // Two digits or more closing a word are a number, not letters: a poll keyword or a code ("terrain379", "bus27").
        if (token.Length >= 2 && char.IsAsciiDigit(token[^1]) && char.IsAsciiDigit(token[^2])) return false;
        var firstLetter = token.AsSpan().IndexOfAnyInRange('a', 'z');
        var suffix = token[firstLetter..];
        // A number with a French unit or ordinal ("3j", "2eme", "5h", "3km", "2e") is not Arabizi.
        return firstLetter == 0 || !(suffix is "eme" or "e" or "er" or "ere" or "em" or "h" or "j" or "km" or "m" or "min" or "dh" or "mois" or "ans");
    }

    private static FrozenSet<string> Set(params string[] words) => words.Select(AnswerWords.Key).ToFrozenSet(StringComparer.Ordinal);
}
