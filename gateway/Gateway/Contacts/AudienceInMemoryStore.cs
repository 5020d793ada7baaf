namespace Gateway.Contacts;

/// <summary>The embedded audience index: an ordered set per (commune, topic); the cursor is the last id returned.</summary>
public sealed class AudienceInMemoryStore : IAudienceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), SortedSet<string>> _sets = [];

    private SortedSet<string> Set(string commune, string topic)
    {
        var key = (commune.ToLowerInvariant(), topic);
        if (!_sets.TryGetValue(key, out var set)) _sets[key] = set = new SortedSet<string>(StringComparer.Ordinal);
        return set;
    }

    public Task AddAsync(string commune, string topic, IReadOnlyCollection<string> contactIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var set = Set(commune, topic);
            foreach (var id in contactIds) set.Add(id);
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string commune, string topic, string contactId, CancellationToken cancellationToken)
    {
        lock (_gate) Set(commune, topic).Remove(contactId);
        return Task.CompletedTask;
    }

    public Task<AudiencePage> ScanAsync(string commune, string topic, string cursor, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var set = Set(commune, topic);
            var page = new List<string>(Math.Min(count, set.Count));
            // Cursor "0" is the start; otherwise it is the "!"-prefixed last id returned (ids never start with "!").
            IEnumerable<string> view = cursor == "0" || set.Count == 0 || string.CompareOrdinal(cursor[1..], set.Max) >= 0
                ? (cursor == "0" ? set : [])
                : set.GetViewBetween(cursor[1..], set.Max!);
            foreach (var id in view)
            {
                if (cursor != "0" && id == cursor[1..]) continue;
                page.Add(id);
                if (page.Count == count) break;
            }
            var done = page.Count < count || page[^1] == set.Max;
            return Task.FromResult(new AudiencePage(page, done ? "0" : "!" + page[^1], done));
        }
    }

    public Task<long> CountAsync(string commune, string topic, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult((long)Set(commune, topic).Count);
    }
}
