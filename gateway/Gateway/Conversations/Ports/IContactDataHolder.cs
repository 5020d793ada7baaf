namespace Gateway.Conversations.Ports;

/// <summary>
/// Something outside the contact's own keys that names a contact: a feature's claims and caps, a mailbox, a session, a
/// counter. Erasing a contact asks every registered holder to forget it, so the erasure route needs to know no feature,
/// and a feature that starts keeping such data registers its holder beside it.
/// </summary>
public interface IContactDataHolder
{
    Task ForgetAsync(string contactId, string phone, CancellationToken cancellationToken);
}
