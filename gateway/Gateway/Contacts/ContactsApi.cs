using Gateway.Admin.Access;
using Gateway.Admin;
using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Contacts;

/// <summary>
/// A citizen's rights under law 09-08, exercised through the commune or the programme: access (what is stored about a
/// number) and erasure (everything, at once). A commune key sees only its own contacts; others are a 404.
/// </summary>
public static class ContactsApi
{
    public sealed record ContactView(
        string ContactId, string Phone, string? Language, string? Commune, bool OptedOut, IReadOnlyCollection<string> Topics,
        string LastChannel, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, int> PollVotes, string? ConversationInProgress,
        IReadOnlyList<ConsentEntry> Consent, ContactProfile? Profile);

    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization(GatewayPolicies.Read);
        contacts.MapGet("/{phone}", GetAsync);
        contacts.MapDelete("/{phone}", EraseAsync);
        return app;
    }

    private static async Task<Results<Ok<ContactView>, NotFound, ProblemHttpResult>> GetAsync(
        string phone, AdminCaller caller, IContactStore store, ContactIds ids, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(phone, out var e164)) return InvalidPhone();
        if (await store.GetAsync(ids.For(e164), cancellationToken) is not { } stored || !caller.CanSee(stored.State.Commune)) return TypedResults.NotFound();
        var c = stored.State;
        return TypedResults.Ok(new ContactView(c.ContactId, c.Phone, c.Language, c.Commune, c.OptedOut, c.Topics, c.LastChannel.ToString(),
            c.CreatedAt, c.PollVotes, c.Session?.FlowId, c.Consent, c.Profile));
    }

    /// <summary>Deletes the contact's state, idempotency records and audience entries, and tells consumers (<c>ContactErased</c>) to do the same.</summary>
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> EraseAsync(
        string phone, AdminCaller caller, IContactStore store, ContactIds ids, IAudienceStore audience, IOutboxWriter outbox,
        OutboxSignal signal, TimeProvider clock, IEnumerable<IContactDataHolder> holders, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(phone, out var e164)) return InvalidPhone();
        var id = ids.For(e164);
        if (await store.GetAsync(id, cancellationToken) is not { } stored || !caller.CanSee(stored.State.Commune)) return TypedResults.NotFound();

        if (stored.State.Commune is { } commune)
            foreach (var topic in stored.State.Topics)
                await audience.RemoveAsync(commune, topic, id, cancellationToken);
        // Its counts leave its profile's cell first (docs/profile-counters.md): the tallies keep them, no breakdown names the person.
        await Profiles.ProfileErasure.ForgetCellAsync(store, stored, cancellationToken);
        await store.EraseAsync(id, cancellationToken);
        // What else names the contact (alert claims and caps, the simulator's mailbox and session, rate counters, ...).
        foreach (var holder in holders) await holder.ForgetAsync(id, e164, cancellationToken);
        var now = clock.GetUtcNow();
        await outbox.AppendAsync(id, OutboxEvent.Of(new ContactErased(id, now), id + ":" + now.ToUnixTimeMilliseconds(), now), cancellationToken);
        signal.Notify();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult InvalidPhone() =>
        TypedResults.Problem(title: "Invalid phone", detail: "Give the number in E.164 (+212612345678) or national form (0612345678).", statusCode: 400);
}
