using System.Globalization;
using Gateway.Conversations.Ports;
using Gateway.Profiles.Breakdowns;
using Gateway.Profiles.Census;

namespace Gateway.Profiles.Participation;

/// <summary>
/// Reads <c>participation:&lt;commune&gt;:&lt;yyyy-MM&gt;</c> (fields <c>&lt;kind&gt;:&lt;channel&gt;:&lt;cell&gt;</c>,
/// docs/profile-counters.md) into suppressed rows: per month and kind, one gender × age × place × channel cube, so that the
/// all-channel rows and the per-channel rows are tables of the same cube and cannot be subtracted from each other.
/// Ages are those reached in the month's year.
/// </summary>
public static class ParticipationReader
{
    public static readonly IReadOnlyList<string> Kinds = [ProfileCounters.Vote, ProfileCounters.Report, ProfileCounters.Subscribe];
    public static readonly IReadOnlyList<string> Channels = ["sms", "ussd", "whatsapp"];

    public static async Task<ParticipationView> ReadAsync(string commune, ParticipationRequest request, ICounterStore counters,
        ProfilesOptions options, IReadOnlyList<string> places, CancellationToken cancellationToken, CensusShares? census = null)
    {
        var months = new List<ParticipationMonth>();
        foreach (var month in request.Months)
        {
            var fields = await counters.ReadAsync(ProfileCounters.Participation(commune, month), cancellationToken);
            var year = int.Parse(month.AsSpan(0, 4), CultureInfo.InvariantCulture);
            var rows = Rows(fields, request.By, options.Bands(), options.SuppressionThreshold, year, places);
            months.Add(new ParticipationMonth(month, ParticipationShares.Apply(rows, request.By, census))
            {
                People = ParticipationPeople.Rows(fields, options.SuppressionThreshold),
            });
        }
        return new ParticipationView(commune, request.By, options.SuppressionThreshold, months) { Census = census is { IsEmpty: false } ? census : null };
    }

    public static List<ParticipationRow> Rows(IReadOnlyDictionary<string, long> fields, IReadOnlyList<string> by,
        IReadOnlyList<AgeBand> bands, int threshold, int year, IEnumerable<string> places)
    {
        var parsed = fields.Select(f => (Field: Read(f.Key), Count: f.Value)).Where(f => f.Field is not null && f.Count != 0)
            .Select(f => (f.Field!.Value.Kind, f.Field.Value.Channel, f.Field.Value.Cell, f.Count)).ToList();
        var grid = new ProfileGrid(bands, places.Concat(parsed.Select(p => p.Cell.PlaceId).OfType<string>()), year);
        var channel = new BreakdownDimension("channel", Channels);
        var dims = by.Select(name => name switch { BreakdownBy.Gender => 0, BreakdownBy.Age => 1, _ => 2 }).ToList();
        var rows = new List<ParticipationRow>();
        foreach (var kind in Kinds)
        {
            var cube = new CountCube([.. grid.Dimensions, channel]);
            foreach (var p in parsed.Where(p => p.Kind == kind))
                cube.Add([grid.GenderOf(p.Cell), grid.AgeOf(p.Cell), grid.PlaceOf(p.Cell), Channels.IndexOf(p.Channel)], p.Count);
            var suppressed = SmallCellSuppression.Apply(cube, threshold);
            rows.Add(new ParticipationRow(kind, ParticipationRow.AllChannels, null, null, null, suppressed.Total, null));
            foreach (var cell in suppressed.Table([3])) rows.Add(Row(kind, [], cell.Values[0], cell));
            if (dims.Count == 0) continue;
            foreach (var cell in suppressed.Table(dims)) rows.Add(Row(kind, [.. by.Select((name, i) => (name, cell.Values[i]))], ParticipationRow.AllChannels, cell));
            foreach (var cell in suppressed.Table([.. dims, 3]))
                rows.Add(Row(kind, [.. by.Select((name, i) => (name, cell.Values[i]))], cell.Values[^1], cell));
        }
        return rows;
    }

    private static ParticipationRow Row(string kind, (string Name, string Value)[] values, string channel, BreakdownCell cell)
    {
        string? Value(string name) => values.FirstOrDefault(v => v.Name == name).Value;
        return new ParticipationRow(kind, channel, Value(BreakdownBy.Gender), Value(BreakdownBy.Age), Value(BreakdownBy.Place),
            cell.Suppressed ? null : cell.Count, cell.Suppressed ? true : null);
    }

    /// <summary>A field <c>&lt;kind&gt;:&lt;channel&gt;:&lt;cell&gt;</c> of a known kind and channel; null otherwise.</summary>
    private static (string Kind, string Channel, ProfileCell Cell)? Read(string field)
    {
        var first = field.IndexOf(':', StringComparison.Ordinal);
        var second = first < 0 ? -1 : field.IndexOf(':', first + 1);
        if (second < 0) return null;
        var kind = field[..first];
        var channel = field[(first + 1)..second];
        if (!Kinds.Contains(kind) || !Channels.Contains(channel)) return null;
        return (kind, channel, ProfileCell.Parse(field[(second + 1)..]));
    }
}
