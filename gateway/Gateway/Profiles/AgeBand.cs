using System.Globalization;

namespace Gateway.Profiles;

/// <summary>One age band of <see cref="ProfilesOptions.AgeBands"/>: <c>18-24</c> (both ends included) or <c>55+</c> (no upper end).</summary>
public sealed record AgeBand(string Label, int From, int? To)
{
    public bool Contains(int age) => age >= From && (To is null || age <= To);

    /// <summary>
    /// Reads <c>15-17,18-24,25-34,35-54,55+</c>: ascending, not overlapping, only the last one open. Null when the text breaks
    /// one of these (the settings check says so at start).
    /// </summary>
    public static IReadOnlyList<AgeBand>? ParseList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var bands = new List<AgeBand>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (bands.Count > 0 && bands[^1].To is null) return null; // an open band must be the last
            AgeBand band;
            if (raw.EndsWith('+') && Number(raw[..^1]) is { } openFrom) band = new AgeBand(raw, openFrom, null);
            else if (raw.Split('-') is [var a, var b] && Number(a) is { } from && Number(b) is { } to && to >= from) band = new AgeBand(raw, from, to);
            else return null;
            if (bands.Count > 0 && band.From <= bands[^1].To) return null;
            bands.Add(band);
        }
        return bands.Count is > 0 and <= 9 ? bands : null;
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 120 ? n : null;
}
