using System.Globalization;
using System.Text;
using Gateway.Text;

namespace Gateway.Feedback;

public enum FeedbackSort { Newest, Oldest, Due }

/// <summary>
/// A list request, already validated and scoped: <see cref="Communes"/> holds only communes the caller may see (null
/// stands for reports without a commune, visible to programme keys). <see cref="Matches"/> is the one definition of the
/// filters; stores may narrow with indexes first but always apply it.
/// </summary>
public sealed record FeedbackQuery(
    IReadOnlyList<string?> Communes,
    DateTimeOffset Now,
    FeedbackSort Sort = FeedbackSort.Newest,
    int Limit = 50,
    FeedbackCursor? After = null)
{
    public string? Status { get; init; }
    public string? Kind { get; init; }
    public string? Category { get; init; }
    public string? Channel { get; init; }
    public string? Language { get; init; }
    public bool? Overdue { get; init; }
    public bool? Simulated { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }

    /// <summary>Words to find at the start of words of the text, place or reference (normalised: case, accents, Arabic variants, digits).</summary>
    public string? Search { get; init; }

    private string? NormalizedSearch => field ??= Search is { Length: > 0 } s ? TextNormalizer.Normalize(s) : null;

    public bool Matches(FeedbackReport r)
    {
        if (!Communes.Contains(r.Commune, StringComparer.OrdinalIgnoreCase)) return false;
        if (Status is not null && r.Status != Status) return false;
        if (Kind is not null && r.Kind != Kind) return false;
        if (Category is not null && r.Category != Category) return false;
        if (Channel is not null && r.Channel != Channel) return false;
        if (Language is not null && r.Language != Language) return false;
        if (Overdue is { } overdue && r.IsOverdue(Now) != overdue) return false;
        if (Simulated is { } simulated && r.Simulated != simulated) return false;
        if (Assignee is not null && !string.Equals(r.Assignee, Assignee, StringComparison.OrdinalIgnoreCase)) return false;
        if (From is { } from && r.ReceivedAt < from) return false;
        if (To is { } to && r.ReceivedAt >= to) return false;
        if (NormalizedSearch is { Length: > 0 } q)
        {
            // Every word must start a word of the report (so "3" finds "rue 3", not every reference holding a 3).
            var haystack = " " + TextNormalizer.Normalize(r.Text + " " + r.Place + " " + r.Reference);
            foreach (var word in q.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (!haystack.Contains(" " + word, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>The sort key of a report: milliseconds of its received or due time (a sorted-set score).</summary>
    public double ScoreOf(FeedbackReport r) => (Sort == FeedbackSort.Due ? r.DueAt : r.ReceivedAt).ToUnixTimeMilliseconds();

    public bool Descending => Sort == FeedbackSort.Newest;

    /// <summary>Whether (score, reference) comes after the cursor in this order (ties broken by reference, as Redis does).</summary>
    public bool IsAfterCursor(double score, string reference)
    {
        if (After is not { } c) return true;
        var byScore = score.CompareTo(c.Score);
        var order = byScore != 0 ? byScore : string.CompareOrdinal(reference, c.Reference);
        return Descending ? order < 0 : order > 0;
    }

    /// <summary>Orders reports as the query asks; the reference breaks ties.</summary>
    public int Compare(FeedbackReport a, FeedbackReport b)
    {
        var order = ScoreOf(a).CompareTo(ScoreOf(b));
        if (order == 0) order = string.CompareOrdinal(a.Reference, b.Reference);
        return Descending ? -order : order;
    }
}

/// <summary>Where a page ended: the sort score and reference of the last report examined. Opaque to clients (base64url).</summary>
public sealed record FeedbackCursor(double Score, string Reference)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Score.ToString("R", CultureInfo.InvariantCulture) + "|" + Reference))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? value, out FeedbackCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value)) return true;
        try
        {
            var base64 = value.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var bar = text.IndexOf('|');
            if (bar <= 0 || !double.TryParse(text[..bar], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)) return false;
            cursor = new FeedbackCursor(score, text[(bar + 1)..]);
            return cursor.Reference.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
