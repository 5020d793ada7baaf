using Gateway.Profiles.Census;

namespace Gateway.Profiles.Participation;

/// <summary>
/// Puts each shown row against its column: its share of the kind's total on its channel (whole percent), and for a
/// single-dimension row the commune's census share of that value. Shares come from shown figures only: a hidden row or a
/// hidden total gets none, so no share gives back what suppression hid.
/// </summary>
public static class ParticipationShares
{
    public static List<ParticipationRow> Apply(IReadOnlyList<ParticipationRow> rows, IReadOnlyList<string> by, CensusShares? census)
    {
        var totals = rows.Where(r => r.Gender is null && r.Age is null && r.Place is null)
            .ToDictionary(r => (r.Kind, r.Channel), r => r.Suppressed == true ? null : r.Count);
        return rows.Select(row =>
        {
            if (row.Gender is null && row.Age is null && row.Place is null) return row;
            var share = ParticipationTable.Share(row.Suppressed == true ? null : row.Count, totals.GetValueOrDefault((row.Kind, row.Channel)));
            var value = by.Count == 1 ? ParticipationTables.ValueOf(row, by[0]) : null;
            return row with { Share = share, Census = value is null ? null : census?.For(by[0], value) };
        }).ToList();
    }
}
