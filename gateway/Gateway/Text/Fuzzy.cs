namespace Gateway.Text;

/// <summary>Tolerates a typo in keywords of 5+ letters.</summary>
public static class Fuzzy
{
    // STUB: replaced by the full implementation (Text helper).
    public static bool IsKeywordMatch(string normalizedInput, string normalizedKeyword) => normalizedInput == normalizedKeyword;
}
