using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Storage;
using Gateway.Conversations.Ports;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary>Builds the commits a feedback conversation's last step makes (state + one FeedbackReceived in the outbox).</summary>
internal static class Commits
{
    public static FeedbackReceived Feedback(string contactId, string reference) =>
        new(reference, contactId, "ait-ourir", "water", "Pas d'eau depuis trois jours", "Douar Tiguert", "sms", "fr", DateTimeOffset.UtcNow);

    public static Guid FeedbackId(string contactId, string reference) => EventIds.Deterministic(nameof(FeedbackReceived), contactId + ":" + reference);

    /// <summary>Commits one FeedbackReceived for <paramref name="contactId"/>, reloading and retrying on a version race.</summary>
    public static async Task<Guid> CommitFeedbackAsync(IContactStore store, string contactId, string reference)
    {
        var id = FeedbackId(contactId, reference);
        var outboxEvent = new OutboxEvent(id, nameof(FeedbackReceived), Feedback(contactId, reference), DateTimeOffset.UtcNow);
        while (true)
        {
            var current = await store.GetAsync(contactId, CancellationToken.None);
            var state = current?.State ?? new ContactState { ContactId = contactId, Phone = "+212600000001", CreatedAt = DateTimeOffset.UtcNow };
            if (await store.TryCommitAsync(new ContactCommit(contactId, current?.Version ?? 0, state, [outboxEvent], [], null), CancellationToken.None))
                return id;
        }
    }
}
