namespace Gateway.Conversations.Ports;

/// <summary>Reads live counters written by <see cref="ContactCommit.Counters"/> (cheap enough to poll for live results).</summary>
public interface ICounterStore
{
    Task<IReadOnlyDictionary<string, long>> ReadAsync(string counter, CancellationToken cancellationToken);
}
