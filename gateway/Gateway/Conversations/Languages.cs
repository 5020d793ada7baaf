namespace Gateway.Conversations;

/// <summary>
/// The text sets every flow carries, and how a missing one falls back.
/// Amazigh is written in Tifinagh (zgh) and, because few read Tifinagh, in Latin script too (zgh-Latn);
/// per-variety Latin sets (Tachelhit, Tarifit, Central Atlas) fall back to zgh-Latn.
/// </summary>
public static class Languages
{
    public const string Arabic = "ar";
    public const string French = "fr";
    public const string Tifinagh = "zgh";
    public const string AmazighLatin = "zgh-Latn";

    /// <summary>The four text sets the shipped flows are written in.</summary>
    public static readonly IReadOnlyList<string> Core = [French, Arabic, Tifinagh, AmazighLatin];

    /// <summary>Every language code a flow may declare.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        French, Arabic, Tifinagh, AmazighLatin, "shi-Latn", "rif-Latn", "tzm-Latn",
    };

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);

    /// <summary>
    /// The order in which to look for a text: the contact's language (and its parent for Amazigh varieties),
    /// then the commune's default, then the flow's default, then French, the administration's working language.
    /// </summary>
    public static IReadOnlyList<string> Chain(string? contact, string? commune, string? flow)
    {
        var chain = new List<string>(6);
        void Add(string? code)
        {
            if (code is null || chain.Contains(code)) return;
            chain.Add(code);
            if (code.EndsWith("-Latn", StringComparison.Ordinal) && code != AmazighLatin) Add(AmazighLatin);
        }
        Add(contact);
        Add(commune);
        Add(flow);
        Add(French);
        return chain;
    }
}
