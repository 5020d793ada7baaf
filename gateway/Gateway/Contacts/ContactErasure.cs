using Gateway.Bus;
using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Conversations.Ports;

namespace Gateway.Contacts;

/// <summary>
/// Erasure on request (law 09-08), one path for the API (<c>DELETE /api/contacts/{phone}</c>) and the console's citizen page:
/// the contact's state, idempotency records and audience entries go at once, every <see cref="IContactDataHolder"/> forgets
/// what it holds, and <c>ContactErased</c> tells the consumers to do the same.
/// </summary>
public sealed class ContactErasure(
    IContactStore store, IAudienceStore audience, IOutboxWriter outbox, OutboxSignal signal, TimeProvider clock, IEnumerable<IContactDataHolder> holders)
{
    public async Task EraseAsync(ContactState contact, CancellationToken cancellationToken)
    {
        var id = contact.ContactId;
        if (contact.Commune is { } commune)
            foreach (var topic in contact.Topics)
                await audience.RemoveAsync(commune, topic, id, cancellationToken);
        // Its counts leave its profile's cell first (docs/profile-counters.md): the tallies keep them, no breakdown names the person.
        if (await store.GetAsync(id, cancellationToken) is { } stored) await Profiles.ProfileErasure.ForgetCellAsync(store, stored, cancellationToken);
        await store.EraseAsync(id, cancellationToken);
        // What else names the contact (alert claims and caps, the simulator's mailbox and session, rate counters, ...).
        foreach (var holder in holders) await holder.ForgetAsync(id, contact.Phone, cancellationToken);
        var now = clock.GetUtcNow();
        await outbox.AppendAsync(id, OutboxEvent.Of(new ContactErased(id, now), id + ":" + now.ToUnixTimeMilliseconds(), now), cancellationToken);
        signal.Notify();
    }
}
