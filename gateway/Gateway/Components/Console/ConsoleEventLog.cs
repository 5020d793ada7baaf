using System.Collections.Concurrent;
using System.Text.Json;
using Gateway.Bus;

namespace Gateway.Components.Console;

/// <summary>
/// The last events each contact's conversation published, kept for the simulator page ("what the conversation put on the
/// bus"). Fed by the outbox relay (<see cref="IOutboxProjection"/>), so it shows what was really published, by pseudonymous
/// contact id only, and only for the numbers the simulator spoke as (<see cref="Watch"/>). In memory and bounded (the last <see cref="PerContact"/> events of the last <see cref="Contacts"/>
/// contacts): a testing aid of the replica running the relay, not a record.
/// </summary>
public sealed class ConsoleEventLog(TimeProvider clock) : IOutboxProjection
{
    public const int PerContact = 30;
    public const int Contacts = 2_000;

    public sealed record Entry(string Type, DateTimeOffset At, string Json);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Entry>> _byContact = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>From now on, keep what this contact's conversations publish: the simulator calls it for the numbers it speaks as.</summary>
    public void Watch(string contactId) => _byContact.GetOrAdd(contactId, id =>
    {
        _order.Enqueue(id);
        while (_order.Count > Contacts && _order.TryDequeue(out var oldest)) _byContact.TryRemove(oldest, out _);
        return new ConcurrentQueue<Entry>();
    });

    public Task ApplyAsync(object message, CancellationToken cancellationToken)
    {
        // Only the simulator's own numbers: a real citizen's events (their report, their votes) are never kept here.
        if (message.GetType().GetProperty("ContactId")?.GetValue(message) is not string contactId || !_byContact.TryGetValue(contactId, out var queue))
            return Task.CompletedTask;
        queue.Enqueue(new Entry(message.GetType().Name, clock.GetUtcNow(), JsonSerializer.Serialize(message, message.GetType(), Json)));
        while (queue.Count > PerContact) queue.TryDequeue(out _);
        return Task.CompletedTask;
    }

    public bool IsWatched(string contactId) => _byContact.ContainsKey(contactId);

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Entry> For(string contactId) =>
        _byContact.TryGetValue(contactId, out var queue) ? queue.Reverse().ToList() : [];
}
