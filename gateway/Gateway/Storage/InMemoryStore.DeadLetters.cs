namespace Gateway.Storage;

public sealed partial class InMemoryStore : IOutboxDeadLetters
{
    private readonly List<DeadLetter> _deadLetters = [];

    public Task DeadLetterAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_outbox.Remove(long.Parse(entry.EntryId, System.Globalization.CultureInfo.InvariantCulture)))
                _deadLetters.Add(new DeadLetter(entry.Event, reason));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<DeadLetter>>(_deadLetters.Take(max).ToList());
    }
}
