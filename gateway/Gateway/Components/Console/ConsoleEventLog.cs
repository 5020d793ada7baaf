using System.Collections.Concurrent;
using System.Text.Json;
using Gateway.Bus;

namespace Gateway.Components.Console;

/// <summary>
/// The last events each contact's conversation published, kept for the simulator page ("what the conversation put on the
/// bus"). Fed by the outbox relay (<see cref="IOutboxProjection"/>), so it shows what was really published, by pseudonymous
/// contact id only. In memory and bounded (the last <see cref="PerContact"/> events of the last <see cref="Contacts"/>
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

    public Task ApplyAsync(object message, CancellationToken cancellationToken)
    {
        if (message.GetType().GetProperty("ContactId")?.GetValue(message) is not string contactId) return Task.CompletedTask;
        var queue = _byContact.GetOrAdd(contactId, id =>
        {
            _order.Enqueue(id);
            return new ConcurrentQueue<Entry>();
        });
        queue.Enqueue(new Entry(message.GetType().Name, clock.GetUtcNow(), JsonSerializer.Serialize(message, message.GetType(), Json)));
        while (queue.Count > PerContact) queue.TryDequeue(out _);
        while (_order.Count > Contacts && _order.TryDequeue(out var oldest)) _byContact.TryRemove(oldest, out _);
        return Task.CompletedTask;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Entry> For(string contactId) =>
        _byContact.TryGetValue(contactId, out var queue) ? queue.Reverse().ToList() : [];
}
