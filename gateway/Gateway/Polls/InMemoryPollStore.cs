namespace Gateway.Polls;

/// <summary>The embedded default: poll definitions in process memory, with the same once-only semantics as Redis.</summary>
public sealed class InMemoryPollStore : IPollStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Poll> _polls = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Commune, string Keyword), string> _keywords = [];
    private long _version;

    public Task<bool> TryCreateAsync(PollDefinition poll, Func<Poll, bool> holdsKeyword, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (poll.Commune.ToLowerInvariant(), poll.NormalizedKeyword);
            if (_keywords.TryGetValue(key, out var holder) && _polls.TryGetValue(holder, out var held) && holdsKeyword(held))
                return Task.FromResult(false);
            _keywords[key] = poll.Id;
            _polls[poll.Id] = new Poll(poll, null, null);
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task<Poll?> GetAsync(string pollId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_polls.GetValueOrDefault(pollId));
    }

    public Task<IReadOnlyList<Poll>> ListAsync(IEnumerable<string> communes, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(communes, StringComparer.OrdinalIgnoreCase);
        lock (_gate) return Task.FromResult<IReadOnlyList<Poll>>(_polls.Values.Where(p => wanted.Contains(p.Commune)).ToList());
    }

    public Task<Poll?> CloseAsync(string pollId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_polls.TryGetValue(pollId, out var poll)) return Task.FromResult<Poll?>(null);
            if (poll.ClosedAt is null)
            {
                _polls[pollId] = poll = poll with { ClosedAt = at };
                _version++;
            }
            return Task.FromResult<Poll?>(poll);
        }
    }

    public Task<bool> ReplaceDefinitionAsync(PollDefinition poll, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_polls.TryGetValue(poll.Id, out var stored) || stored.ClosedAt is not null) return Task.FromResult(false);
            _polls[poll.Id] = stored with { Definition = poll };
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task SetFinalTalliesAsync(string pollId, IReadOnlyList<long> tallies, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_polls.TryGetValue(pollId, out var poll) && poll.FinalTallies is null)
            {
                _polls[pollId] = poll with { FinalTallies = tallies.ToArray() };
                _version++;
            }
        }
        return Task.CompletedTask;
    }

    public ValueTask<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult(_version);
    }
}
