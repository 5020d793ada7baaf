namespace Gateway.Text;

/// <summary>Tolerates a typo in keywords of 5+ letters.</summary>
public static class Fuzzy
{
    private const int MinimumFuzzyLength = 5;
    private const int StackLimit = 128;

    /// <summary>
    /// Exact match, or one edit (insertion, deletion, substitution or adjacent transposition) when both
    /// the keyword and the input have at least 5 letters: short keywords ("LA", "STOP") would collide.
    /// </summary>
    public static bool IsKeywordMatch(string normalizedInput, string normalizedKeyword)
    {
        if (string.Equals(normalizedInput, normalizedKeyword, StringComparison.Ordinal)) return true;
        if (normalizedKeyword.Length < MinimumFuzzyLength || normalizedInput.Length < MinimumFuzzyLength) return false;
        if (Math.Abs(normalizedInput.Length - normalizedKeyword.Length) > 1) return false;
        return Distance(normalizedInput, normalizedKeyword) <= 1;
    }

    /// <summary>Damerau-Levenshtein distance in its optimal-string-alignment form, over UTF-16 chars.</summary>
    /// <remarks>
    /// Two rows only: the transposition needs the value two rows up and two columns left, which is still
    /// in the row being overwritten until two steps earlier, so it is carried in two locals.
    /// </remarks>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;

        var width = b.Length + 1;
        int[]? rented = null;
        var rows = width * 2 <= StackLimit ? stackalloc int[width * 2] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(width * 2));
        try
        {
            var previous = rows[..width];      // row i-1
            var current = rows[width..(width * 2)]; // row i-2 until overwritten, then row i
            for (var j = 0; j < width; j++) previous[j] = j;

            for (var i = 1; i <= a.Length; i++)
            {
                // Old values of `current` (row i-2) at columns j-2 and j-1, saved before overwriting.
                int twoUpTwoLeft = 0, twoUpOneLeft = current[0];
                current[0] = i;
                for (var j = 1; j < width; j++)
                {
                    var twoUpHere = current[j];
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                        value = Math.Min(value, twoUpTwoLeft + 1);
                    current[j] = value;
                    twoUpTwoLeft = twoUpOneLeft;
                    twoUpOneLeft = twoUpHere;
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
    }
}
