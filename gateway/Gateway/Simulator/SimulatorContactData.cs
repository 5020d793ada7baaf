using Gateway.Channels.Ussd;
using Gateway.Conversations.Ports;

namespace Gateway.Simulator;

/// <summary>Erasure: what the simulator's mailbox holds for the number, and its simulated USSD session.</summary>
public sealed class SimulatorContactData(SimulatorMailbox mailbox, IUssdSessionStore ussdSessions) : IContactDataHolder
{
    public async Task ForgetAsync(string contactId, string phone, CancellationToken cancellationToken)
    {
        mailbox.Forget(phone);
        await ussdSessions.RemoveAsync(SimulatorApi.SimulatedSessionId(contactId), cancellationToken);
    }
}
