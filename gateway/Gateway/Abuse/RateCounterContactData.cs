using Gateway.Conversations.Ports;
using Microsoft.Extensions.Options;

namespace Gateway.Abuse;

/// <summary>Erasure: the contact's inbound counters go too (their key holds the contact id).</summary>
public sealed class RateCounterContactData(IRateCounter counter, IOptionsMonitor<AbuseOptions> options, TimeProvider clock) : IContactDataHolder
{
    public Task ForgetAsync(string contactId, string phone, CancellationToken cancellationToken) =>
        LimitedConversationEngine.ForgetAsync(counter, options.CurrentValue, contactId, clock.GetUtcNow(), cancellationToken);
}
