using System.Collections.Concurrent;
using Gateway.Outbound;

namespace Gateway.Testing.Fakes;

/// <summary>
/// The in-process provider "fake" (an <see cref="IMessageSender"/>): records what the gateway sends with the real time of
/// each send, answers with ids, fails on demand. Replicas of one test can share one log (ids told apart by their prefix).
/// </summary>
public sealed class RecordingSender(string idPrefix = "FK", ConcurrentQueue<RecordingSender.Sent>? log = null) : IMessageSender
{
    public const string Name = "fake";
    private long _next;

    public sealed record Sent(string Id, OutboundMessage Message, DateTime At);

    public ConcurrentQueue<Sent> Messages { get; } = log ?? new();

    /// <summary>Phones whose sends fail (retryable): every attempt is counted in <see cref="Attempts"/>.</summary>
    public ConcurrentDictionary<string, int> Failing { get; } = new();

    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    public string Provider => Name;

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Attempts.AddOrUpdate(message.To, 1, (_, n) => n + 1);
        if (Failing.ContainsKey(message.To)) return Task.FromResult(new SendOutcome("failed", null, "30003", "unreachable", Retryable: true));
        var id = idPrefix + Interlocked.Increment(ref _next);
        Messages.Enqueue(new Sent(id, message, DateTime.UtcNow));
        return Task.FromResult(SendOutcome.Ok(id));
    }

    public IReadOnlyList<Sent> To(string phone) => Messages.Where(m => m.Message.To == phone).ToList();
}
