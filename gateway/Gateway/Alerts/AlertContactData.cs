using Gateway.Alerts.Storage;
using Gateway.Conversations.Ports;

namespace Gateway.Alerts;

/// <summary>Erasure: the contact leaves every alert's claim set, and its daily caps go.</summary>
public sealed class AlertContactData(IAlertStore alerts) : IContactDataHolder
{
    public Task ForgetAsync(string contactId, string phone, CancellationToken cancellationToken) =>
        alerts.ForgetContactAsync(contactId, cancellationToken);
}
