namespace Gateway.Text;

/// <summary>Folds what citizens type into one comparable form (case, accents, Arabic variants, digits of every script).</summary>
public static class TextNormalizer
{
    // STUB: replaced by the full implementation (Text helper).
    public static string Normalize(string? input) => (input ?? "").Trim().ToLowerInvariant();

    // STUB: replaced by the full implementation (Text helper).
    public static bool TryReadNumber(string normalized, out int value) =>
        int.TryParse(normalized, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);

    /// <summary>The first word of an already normalised text ("" when none).</summary>
    public static string FirstWord(string normalized)
    {
        var i = normalized.IndexOf(' ');
        return i < 0 ? normalized : normalized[..i];
    }
}
