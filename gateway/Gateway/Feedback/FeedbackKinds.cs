using Gateway.Text;

namespace Gateway.Feedback;

/// <summary>
/// The three kinds of the national complaints portal (chikaya.ma): complaint, observation, suggestion. The flow does not
/// ask it (one more question on USSD costs a screen); it is derived from what the citizen said: a text that proposes
/// something is a suggestion, a report in a service category (roads, water, …) a complaint, the rest ("other") an
/// observation. Staff see the kind and the text side by side.
/// </summary>
public static class FeedbackKinds
{
    public const string Complaint = "complaint";
    public const string Observation = "observation";
    public const string Suggestion = "suggestion";

    public static readonly IReadOnlyList<string> All = [Complaint, Observation, Suggestion];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);

    /// <summary>Word starts (normalised: lower case, no accents, Arabic letter variants folded) that mark a proposal.</summary>
    private static readonly string[] SuggestionMarkers = [.. new[]
    {
        "suggest", "propos", "idee", "pourquoi pas",
        "اقترح", "اقتراح", "نقترح", "مقترح",
        "asumr", "ⴰⵙⵓⵎⵔ", "iqtira", "9tira", "qtira",
    }.Select(m => " " + TextNormalizer.Normalize(m))];

    public static string Derive(string category, string text)
    {
        var normalized = " " + TextNormalizer.Normalize(text);
        foreach (var marker in SuggestionMarkers)
            if (normalized.Contains(marker, StringComparison.Ordinal)) return Suggestion;
        return category == "other" ? Observation : Complaint;
    }
}
