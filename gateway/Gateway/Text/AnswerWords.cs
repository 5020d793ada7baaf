using System.Collections.Frozen;

namespace Gateway.Text;

/// <summary>
/// The small words around an answer that carry no choice: politeness ("merci", "svp", "شكرا", "tanmmirt"), lead-ins
/// ("option", "numéro", "n°", "الرقم", "bghit"), articles and elisions ("l'", "le", "ال"), and the number words of
/// French, Darija (both scripts) and Amazigh (both scripts). Every entry is folded with <see cref="TextNormalizer"/>
/// and squeezed with <see cref="Squeeze"/> when the sets are built, so they agree with what the matcher compares.
/// </summary>
public static class AnswerWords
{
    // Whole phrases first, longest first when matched: "s'il vous plait" must go as one.
    private static readonly string[] PoliteWords =
    [
        // French
        "merci", "merci beaucoup", "mercii", "mrc", "mci", "svp", "stp", "sil vous plait", "s'il vous plait", "s'il vous plaît",
        "s'il te plait", "s'il te plaît", "sil te plait", "silvousplait", "svp merci", "bcp", "beaucoup", "bonjour", "bonsoir",
        "salut", "slt", "cordialement", "please", "pls", "plz", "thanks", "thank you", "thx",
        // Darija in Arabizi
        "afak", "3afak", "3fak", "3afk", "llah ykhalik", "lah ykhalik", "allah ykhalik", "choukran", "chokran", "chukran",
        "shukran", "choukrane", "chokrane", "merci bzaf", "bzaf", "salam", "slm", "salamo alaykom", "salam alaykom",
        "baraka allah fik", "barak allah fik", "lah yhfdek", "allah yhfdek", "akhoya", "khoya", "khti", "a sidi", "sidi", "lalla",
        // Arabic script (Darija and Standard Arabic)
        "شكرا", "شكرا جزيلا", "عافاك", "الله يخليك", "من فضلك", "لو سمحت", "بارك الله فيك", "السلام عليكم", "سلام", "مرحبا",
        "جزاك الله خيرا", "خويا", "سيدي",
        // Amazigh, Latin and Tifinagh
        "tanmmirt", "tanemmirt", "tanmirt", "azul", "ⵜⴰⵏⵎⵎⵉⵔⵜ", "ⴰⵣⵓⵍ",
    ];

    // Words that introduce an answer: "option 2", "n°2", "je choisis 2", "الرقم 2", "bghit 2", "ⵓⵟⵟⵓⵏ 2".
    private static readonly string[] LeadInWords =
    [
        // French and English
        "option", "options", "choix", "choice", "numero", "num", "no", "n", "nr", "nro", "reponse", "rep", "ma reponse",
        "ma reponse est", "reponse est", "c est", "cest", "c", "je choisis", "je choisi", "je prends", "je prend", "je veux",
        "je vote", "vote", "voter", "pour", "mon choix", "mon choix est", "choisis", "choisi", "le numero", "la reponse",
        "number", "answer", "my answer", "i choose", "i want",
        // What follows a number written as an ordinal in two words ("2 eme", "1 er")
        "eme", "ème", "er", "ere", "ieme",
        // Darija in Arabizi: "bghit 2", "raqm 2", "rani m3a 2" (I am for 2), "2 howa lli bghit", "nemra 2"
        "bghit", "bghina", "ana bghit", "kanbghi", "kan5tar", "kankhtar", "nkhtar", "khtart", "raqm", "rakm", "rqm", "ra9m",
        "r9m", "raqem", "ra9em", "lraqm", "nmra", "nemra", "nimra", "lnmra", "lnemra",
        "hadi", "hada", "had", "hiya", "howa", "hia", "huwa", "l", "lra9m", "jawabi", "jawab", "ljawab",
        "m3a", "ma3a", "ana", "rani", "ana m3a", "rani m3a", "7na m3a", "hna m3a", "ana ghadi n5tar", "kanswet", "swet", "sawet",
        "lli", "li", "lli bghit", "li bghit",
        // Arabic script
        "رقم", "الرقم", "اختيار", "الاختيار", "اختياري", "اختار", "اخترت", "بغيت", "جوابي", "الجواب", "جواب", "هذا", "هادي", "هي",
        "هو", "نمرة", "النمرة", "مع", "انا", "راني", "انا مع", "راني مع", "حنا مع", "نختار", "كنختار", "صوتت", "اللي", "اللي بغيت",
        // Amazigh, Latin and Tifinagh
        "uttun", "attun", "ⵓⵟⵟⵓⵏ", "ⴰⵟⵟⵓⵏ", "riɣ", "righ", "rix", "ⵔⵉⵖ", "wis", "wiss", "ⵡⵉⵙ", "ⵡⵉⵙⵙ",
    ];

    // Articles and the letters an elision leaves ("l'eau" → "l eau", "d'accord" is a yes word and is checked first).
    private static readonly string[] ArticleWords = ["l", "le", "la", "les", "un", "une", "d", "de", "du", "des", "el", "al", "the", "a"];

    // 1 to 10 (and first/second…) in French, English, Darija (Arabizi and Arabic script), Standard Arabic, Amazigh.
    private static readonly (string Word, int Value)[] NumberWords =
    [
        ("un", 1), ("une", 1), ("premier", 1), ("premiere", 1), ("1er", 1), ("1ere", 1), ("one", 1), ("first", 1),
        ("deux", 2), ("deuxieme", 2), ("second", 2), ("seconde", 2), ("2eme", 2), ("2e", 2), ("two", 2),
        ("trois", 3), ("troisieme", 3), ("3eme", 3), ("3e", 3), ("three", 3),
        ("quatre", 4), ("quatrieme", 4), ("4eme", 4), ("four", 4),
        ("cinq", 5), ("cinquieme", 5), ("5eme", 5), ("five", 5),
        ("six", 6), ("sixieme", 6), ("sept", 7), ("septieme", 7), ("huit", 8), ("huitieme", 8), ("neuf", 9), ("neuvieme", 9),
        ("dix", 10), ("dixieme", 10),
        // Darija in Arabizi (several spellings each)
        ("wahed", 1), ("wa7ed", 1), ("wahd", 1), ("wa7d", 1), ("ouahed", 1), ("wlwl", 1), ("lwl", 1), ("lowel", 1), ("lewel", 1),
        ("jouj", 2), ("jooj", 2), ("jwj", 2), ("zouj", 2), ("zoj", 2), ("zuj", 2), ("tani", 2), ("ttani", 2), ("thani", 2),
        ("tlata", 3), ("tleta", 3), ("tlt", 3), ("tlat", 3), ("talt", 3), ("ttalt", 3),
        ("rb3a", 4), ("reb3a", 4), ("rab3a", 4), ("arba3a", 4), ("arb3a", 4), ("rabe3", 4), ("rrab3", 4),
        ("khamsa", 5), ("5amsa", 5), ("khmsa", 5), ("khames", 5), ("stta", 6), ("sitta", 6), ("setta", 6), ("sb3a", 7), ("seb3a", 7),
        ("tmnya", 8), ("tmanya", 8), ("tes3ud", 9), ("ts3ud", 9), ("tes3a", 9), ("3achra", 10), ("3echra", 10),
        // more Arabizi spellings, and the ordinals (masculine and feminine: "lowla", "tanya", "talta")
        ("wa7d", 1), ("wahda", 1), ("wa7da", 1), ("lowla", 1), ("lwla", 1), ("l2wel", 1), ("lawel", 1), ("l2ola", 1), ("loula", 1),
        ("joj", 2), ("zawj", 2), ("tnin", 2), ("jouja", 2), ("tanya", 2), ("tania", 2), ("ttanya", 2),
        ("tlta", 3), ("talta", 3), ("talet", 3), ("ttalta", 3), ("ttalet", 3), ("talit", 3),
        ("rb3", 4), ("rab3", 4), ("rrab3a", 4), ("rabi3", 4),
        ("khms", 5), ("5ms", 5), ("5msa", 5), ("lkhams", 5), ("lkhames", 5), ("lkhamsa", 5),
        ("sta", 6), ("sades", 6), ("ssades", 6), ("sadsa", 6), ("sba3", 7), ("sabe3", 7), ("ssabe3", 7), ("sab3a", 7),
        ("tamen", 8), ("ttamen", 8), ("tamna", 8), ("ts3od", 9), ("tase3", 9), ("ttase3", 9), ("tas3a", 9),
        ("3chra", 10), ("3acher", 10), ("l3acher", 10),
        // Arabic script (Darija and Standard Arabic, cardinals and ordinals)
        ("واحد", 1), ("وحده", 1), ("الاول", 1), ("اول", 1), ("الاولى", 1), ("اللول", 1),
        ("اثنان", 2), ("اثنين", 2), ("جوج", 2), ("زوج", 2), ("الثاني", 2), ("ثاني", 2), ("الثانيه", 2), ("التاني", 2),
        ("ثلاثه", 3), ("تلاته", 3), ("ثلاث", 3), ("تلت", 3), ("الثالث", 3), ("التالت", 3), ("الثالثه", 3),
        ("اربعه", 4), ("ربعه", 4), ("اربع", 4), ("الرابع", 4), ("الرابعه", 4),
        ("خمسه", 5), ("خمس", 5), ("الخامس", 5), ("الخامسه", 5), ("سته", 6), ("ست", 6), ("السادس", 6),
        ("سبعه", 7), ("السابع", 7), ("ثمانيه", 8), ("تمنيه", 8), ("الثامن", 8), ("تسعه", 9), ("التاسع", 9), ("عشره", 10), ("العاشر", 10),
        // Darija spellings (ت for ث) and feminine ordinals: "التالث", "التانية", "تلتة"
        ("وحدة", 1), ("لول", 1), ("اللولة", 1), ("الاولة", 1), ("اتنين", 2), ("تنين", 2), ("التانيه", 2), ("تاني", 2),
        ("تلتة", 3), ("تلاتة", 3), ("التالث", 3), ("تالث", 3), ("تالت", 3), ("التالتة", 3), ("التالثة", 3), ("الثالثة", 3),
        ("ربعة", 4), ("رابع", 4), ("الرابعة", 4), ("خمسة", 5), ("خامس", 5), ("ستة", 6), ("سادس", 6), ("السادسة", 6), ("السادسه", 6),
        ("سبعة", 7), ("سابع", 7), ("السابعة", 7), ("تمنية", 8), ("التامن", 8), ("تسعود", 9), ("عشرة", 10),
        // Amazigh in Latin script (Tachelhit, Tarifit, Central Atlas)
        ("yan", 1), ("yen", 1), ("yiwen", 1), ("yiwn", 1), ("ijjen", 1), ("ijen", 1), ("amzwaru", 1), ("tamzwarut", 1), ("sin", 2), ("sen", 2),
        ("krad", 3), ("kraḍ", 3), ("kradh", 3), ("kkuz", 4), ("kkoz", 4), ("kuz", 4), ("smmus", 5), ("semmus", 5), ("smus", 5),
        ("sdis", 6), ("sḍis", 6), ("sa", 7), ("tam", 8), ("tza", 9), ("mraw", 10),
        // Amazigh in Tifinagh
        ("ⵢⴰⵏ", 1), ("ⵢⵉⵡⵏ", 1), ("ⵢⵉⵡⵉⵏ", 1), ("ⴰⵎⵣⵡⴰⵔⵓ", 1), ("ⵜⴰⵎⵣⵡⴰⵔⵓⵜ", 1), ("ⵙⵉⵏ", 2), ("ⴽⵕⴰⴹ", 3), ("ⴽⵔⴰⴹ", 3), ("ⴽⴽⵓⵥ", 4), ("ⴽⴽⵓⵣ", 4),
        ("ⵙⵎⵎⵓⵙ", 5), ("ⵚⴹⵉⵚ", 6), ("ⵙⴹⵉⵙ", 6), ("ⵙⴰ", 7), ("ⵜⴰⵎ", 8), ("ⵜⵥⴰ", 9), ("ⵎⵔⴰⵡ", 10),
    ];

    // Words that make a message a question ("chno hada?", "ما هذا؟", "c'est quoi ?", "wach kayn lma?"), in every script.
    private static readonly string[] QuestionWords =
    [
        // French
        "quoi", "pourquoi", "comment", "combien", "quand", "quel", "quelle", "quels", "quelles", "qui",
        // Darija in Arabizi
        "chno", "chnou", "chnu", "achno", "ach", "wach", "3lach", "3lah", "kifach", "kifash", "fayn", "imta", "emta",
        "chkoun", "chkun", "ch7al", "chhal", "chnahowa",
        // Arabic script (Darija and Standard Arabic)
        "شنو", "اشنو", "اش", "واش", "علاش", "كيفاش", "فين", "امتى", "شكون", "شحال", "ماذا", "لماذا", "كيف", "متى", "اين", "هل", "كم",
        // Amazigh, Latin and Tifinagh (drafts awaiting review)
        "mad", "mayd", "manik", "mamnk", "manzak", "ⵎⴰⴷ", "ⵎⴰⵢⴷ", "ⵎⴰⵏⵉⴽ", "ⵎⴰⵎⵏⴽ",
    ];

    // "and"/"or" between two things named: "sbitar w madrasa", "l'eau et l'école", "الما ولا الطريق".
    private static readonly string[] ConjunctionWords = ["et", "ou", "w", "wa", "wla", "ola", "oula", "و", "او", "ولا", "or", "and", "ngh", "ⵏⵖ"];

    private static readonly FrozenSet<string> Articles = Build(ArticleWords);
    private static readonly FrozenSet<string> Questions = Build(QuestionWords);
    private static readonly FrozenSet<string> Conjunctions = Build(ConjunctionWords);

    public static bool IsConjunction(string token) => Conjunctions.Contains(token);

    /// <summary>
    /// True when the tokens of a squeezed text ask something: a question word, or "ما" (what) before a demonstrative
    /// ("ما هذا") — "ما" alone is also water written without its hamza.
    /// </summary>
    public static bool AsksSomething(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Questions.Contains(tokens[i])) return true;
            if (tokens[i] == "ما" && i + 1 < tokens.Count && tokens[i + 1] is "هذا" or "هادا" or "هدا" or "هذه" or "هادي" or "هو" or "هي") return true;
        }
        return false;
    }
    private static readonly FrozenDictionary<string, int> Numbers = NumberWords
        .GroupBy(n => Key(n.Word)).ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    /// <summary>Polite phrases and lead-ins, as token sequences, longest first.</summary>
    private static readonly string[][] Extras = PoliteWords.Concat(LeadInWords)
        .Select(Key).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)
        .Select(k => k.Split(' ')).OrderByDescending(t => t.Length).ToArray();

    /// <summary>
    /// What a message made only of symbols answers (normalising drops them): 👍 ✅ ✔ 👌 say yes, 👎 ❌ ✖ say no. Keycap digits
    /// ("2️⃣") are digits already. "" when the symbols say nothing.
    /// </summary>
    public static string SymbolAnswer(string raw)
    {
        if (raw.Contains("👍", StringComparison.Ordinal) || raw.Contains("👌", StringComparison.Ordinal) || raw.Contains('✅') || raw.Contains('✔'))
            return raw.Contains("👎", StringComparison.Ordinal) || raw.Contains('❌') ? "" : "oui";
        return raw.Contains("👎", StringComparison.Ordinal) || raw.Contains('❌') || raw.Contains('✖') ? "non" : "";
    }

    /// <summary>The folded, squeezed form the word lists are kept in.</summary>
    public static string Key(string word) => Squeeze(TextNormalizer.Normalize(word));

    /// <summary>
    /// Repeated letters written once ("ouiii" → "oui", "yyih" → "yih", "STOPP" → "stop"). Digits are kept ("11" is a commune);
    /// both sides of a comparison are squeezed, so a label with a real double letter ("Passer") still matches.
    /// </summary>
    public static string Squeeze(string normalized)
    {
        if (normalized.Length < 2) return normalized;
        var repeated = false;
        for (var i = 1; i < normalized.Length && !repeated; i++)
            repeated = normalized[i] == normalized[i - 1] && char.IsLetter(normalized[i]);
        if (!repeated) return normalized;
        var squeezed = new System.Text.StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
            if (i == 0 || normalized[i] != normalized[i - 1] || !char.IsLetter(normalized[i])) squeezed.Append(normalized[i]);
        return squeezed.ToString();
    }

    private static readonly string[][] Politeness = PoliteWords
        .Select(Key).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)
        .Select(k => k.Split(' ')).OrderByDescending(t => t.Length).ToArray();

    /// <summary>The tokens of a squeezed text without its polite phrases and lead-ins (wherever they stand).</summary>
    public static List<string> WithoutExtras(IReadOnlyList<string> tokens) => Without(tokens, Extras);

    /// <summary>The tokens of a squeezed text without its polite phrases only ("STOP merci" → "stop").</summary>
    public static List<string> WithoutPoliteness(IReadOnlyList<string> tokens) => Without(tokens, Politeness);

    private static List<string> Without(IReadOnlyList<string> tokens, string[][] phrases)
    {
        var kept = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count;)
        {
            var skip = 0;
            foreach (var phrase in phrases)
            {
                if (phrase.Length > tokens.Count - i) continue;
                var all = true;
                for (var j = 0; j < phrase.Length && all; j++) all = tokens[i + j] == phrase[j];
                if (all) { skip = phrase.Length; break; }
            }
            if (skip > 0) { i += skip; continue; }
            kept.Add(GluedNumber(tokens[i]) ?? tokens[i]);
            i++;
        }
        return kept;
    }

    private static readonly FrozenSet<string> SingleLeadIns = LeadInWords.Select(Key).Where(k => !k.Contains(' ')).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>"option1", "n2", "رقم2": a one-word lead-in glued to its number gives the number, else null.</summary>
    private static string? GluedNumber(string token)
    {
        var digits = token.Length;
        while (digits > 0 && char.IsAsciiDigit(token[digits - 1])) digits--;
        if (digits == 0 || digits == token.Length) return null;
        return SingleLeadIns.Contains(token[..digits]) ? token[digits..] : null;
    }

    /// <summary>The tokens without articles and elided letters, and with the Arabic article taken off long words.</summary>
    public static List<string> WithoutArticles(IReadOnlyList<string> tokens)
    {
        var kept = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            if (Articles.Contains(token)) continue;
            kept.Add(token.Length >= 4 && token.StartsWith("ال", StringComparison.Ordinal) ? token[2..] : token);
        }
        return kept;
    }

    public static bool IsArticle(string token) => Articles.Contains(token);

    /// <summary>The value of a token written as digits (any script, already folded) or as a number word.</summary>
    public static int? NumberOf(string token)
    {
        if (TextNormalizer.TryReadNumber(token, out var n)) return n;
        return Numbers.TryGetValue(token, out var value) ? value : null;
    }

    private static FrozenSet<string> Build(IEnumerable<string> words) => words.Select(Key).ToFrozenSet(StringComparer.Ordinal);
}
