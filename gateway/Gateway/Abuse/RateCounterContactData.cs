using Gateway.Conversations.Ports;
using Microsoft.Extensions.Options;

namespace Gateway.Abuse;

/// <summary>
/// Erasure: the contact's inbound counters go too (their key holds the contact id). On Redis the store counts the inbound
/// limit under the shared counters' key (RedisKeys.Quota), so deleting the counter deletes it; the in-memory store drops
/// its own counts when it erases the contact.
/// </summary>
public sealed class RateCounterContactData(IRateCounter counter, IOptionsMonitor<AbuseOptions> options, TimeProvider clock) : IContactDataHolder
{
    public Task ForgetAsync(string contactId, string phone, CancellationToken cancellationToken) =>
        InboundLimit.ForgetAsync(counter, options.CurrentValue, contactId, clock.GetUtcNow(), cancellationToken);
}
