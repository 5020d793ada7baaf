using Gateway.Text;

namespace Gateway.Communes;

/// <summary>A commune of the programme: who it is, its default language, and the numbers/codes citizens reach it on.</summary>
/// <param name="Numbers">Our numbers, short codes and USSD service codes that belong to this commune.</param>
/// <param name="Keywords">Words (any language) that name it, matched when a contact picks a commune.</param>
public sealed record Commune(
    string Id,
    LocalizedText Name,
    string Region,
    string DefaultLanguage,
    IReadOnlyList<string> Numbers,
    IReadOnlyList<string> Keywords)
{
    /// <summary>The keywords as answers are compared: normalised once.</summary>
    public IReadOnlySet<string> NormalizedKeywords { get; } = Keywords.Select(Text.TextNormalizer.Normalize).ToHashSet(StringComparer.Ordinal);
}
