using Gateway.Admin.Access;
using Gateway.Admin;
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

    /// <summary>Deletes the contact's state, idempotency records and audience entries, and tells consumers (<c>ContactErased</c>) to do the same (<see cref="ContactErasure"/>).</summary>
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> EraseAsync(
        string phone, AdminCaller caller, IContactStore store, ContactIds ids, ContactErasure erasure, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(phone, out var e164)) return InvalidPhone();
        if (await store.GetAsync(ids.For(e164), cancellationToken) is not { } stored || !caller.CanSee(stored.State.Commune)) return TypedResults.NotFound();
        await erasure.EraseAsync(stored.State, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult InvalidPhone() =>
        TypedResults.Problem(title: "Invalid phone", detail: "Give the number in E.164 (+212612345678) or national form (0612345678).", statusCode: 400);
}
