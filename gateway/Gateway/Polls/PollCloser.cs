using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Conversations;
using Microsoft.Extensions.Options;
using Gateway.Conversations.Ports;

namespace Gateway.Polls;

/// <summary>
/// Closes polls and publishes <see cref="PollClosed"/> exactly once, however many replicas try. The event is committed
/// to the outbox together with the creation of a pseudo-contact (<see cref="PollKeys.ClosingContact"/>) expected absent
/// (version 0): the contact store's optimistic commit lets exactly one replica create it, so exactly one event exists.
/// </summary>
public sealed class PollCloser(
    IPollStore store,
    PollDirectory directory,
    ICounterStore counters,
    IContactStore contacts,
    OutboxSignal outbox,
    TimeProvider clock,
    IOptions<PollOptions> options,
    ILogger<PollCloser> logger)
{
    /// <summary>Closes by hand now (idempotent: an earlier close stands). Null when the poll does not exist.</summary>
    public async Task<Poll?> CloseAsync(string pollId, CancellationToken cancellationToken)
    {
        var poll = await store.CloseAsync(pollId, clock.GetUtcNow(), cancellationToken);
        if (poll is not null) directory.Put(poll);
        return poll;
    }

    /// <summary>Publishes <see cref="PollClosed"/> for every poll closed for longer than the settle time and not yet published.</summary>
    public async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        var due = clock.GetUtcNow() - options.Value.CloseSettle;
        foreach (var poll in directory.All.Where(p => p.FinalTallies is null && p.EffectiveClose <= due).ToList())
            await PublishClosedAsync(poll, cancellationToken);
    }

    private async Task PublishClosedAsync(Poll poll, CancellationToken cancellationToken)
    {
        // Votes stopped at the close on every replica (each replica's directory checks the store before a step; the settle time covers steps in flight),
        // so the live counters now hold the final tallies, the same for every replica reading them.
        var results = await PollResults.ReadAsync(poll, counters, clock.GetUtcNow(), cancellationToken);
        var tallies = results.Tallies;
        var closed = new PollClosed(poll.Id, poll.Commune, tallies, tallies.Sum(), poll.EffectiveClose);
        var now = clock.GetUtcNow();
        var marker = PollKeys.ClosingContact(poll.Id);
        var state = new ContactState { ContactId = marker, Phone = "", OptedOut = true, CreatedAt = now };
        var @event = OutboxEvent.Of(closed, poll.Id, now);

        var won = await contacts.TryCommitAsync(new ContactCommit(marker, 0, state, [@event], [], null), cancellationToken);
        if (won)
        {
            outbox.Notify();
            logger.LogInformation("Poll {PollId} closed with {Total} votes; PollClosed published.", poll.Id, closed.Total);
        }
        // Winner or not, record the final tallies (first write wins): they end the directory's "due" list and let late
        // voters hear the results.
        await store.SetFinalTalliesAsync(poll.Id, tallies, cancellationToken);
        if (await store.GetAsync(poll.Id, cancellationToken) is { } stored) directory.Put(stored);
    }
}
