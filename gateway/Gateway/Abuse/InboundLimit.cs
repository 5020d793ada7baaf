using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Conversations.Ports;
using Microsoft.Extensions.Options;

namespace Gateway.Abuse;

/// <summary>
/// The per-number inbound limit: past <see cref="AbuseOptions.InboundPerPhone"/> messages in a window a message is
/// acknowledged (the provider gets its normal answer, so it does not retry) but not processed — no step written, no
/// reply, no report, no SMS paid by the commune — except the first one past the limit, which gets one polite notice in
/// the contact's language. Counted by the contact store inside the step's commit (the counter is in the contact's slot),
/// so every replica sees the same count and the limit costs no round trip of its own.
/// </summary>
public sealed class InboundLimit(CommuneRegistry communes, IOptionsMonitor<AbuseOptions> options, ILogger<InboundLimit> logger) : IInboundQuota
{
    /// <summary>The quota's name in its counter's key (<c>gw:{shard}:rate:in:&lt;contactId&gt;:&lt;window&gt;</c>, RedisKeys.Quota).</summary>
    public const string Name = "in";

    public InboundQuota? For(string contactId, InboundMessage message, DateTimeOffset now)
    {
        var limit = options.CurrentValue;
        if (limit.InboundPerPhone <= 0) return null;
        // Kept two windows from the first count, as the shared counters always were (RedisRateCounter).
        return new InboundQuota(Name, Windows.Index(now, limit.InboundWindow), limit.InboundPerPhone, limit.InboundWindow * 2);
    }

    public StepResult Refused(string contactId, ContactState? contact, InboundMessage message, long count)
    {
        var limit = options.CurrentValue;
        if (count != limit.InboundPerPhone + 1) return new StepResult([], false, contactId);
        logger.LogWarning("Contact {ContactId} passed {Limit} messages in {Window}: further messages are not processed until the window ends",
            contactId, limit.InboundPerPhone, limit.InboundWindow);
        var language = contact?.Language ?? communes.FindByNumber(message.To)?.DefaultLanguage ?? Languages.French;
        return new StepResult([Reply.Plain(LimitNotice.For(language), language)], false, contactId);
    }

    /// <summary>Erasure: the contact's counters go too (their key holds the contact id; the Redis store keeps them under the same key).</summary>
    public static Task ForgetAsync(IRateCounter counter, AbuseOptions options, string contactId, DateTimeOffset now, CancellationToken cancellationToken) =>
        counter.ForgetAsync(Name + ":" + contactId, Storage.Redis.RedisKeys.Tag(Storage.Redis.RedisKeys.Shard(contactId)), options.InboundWindow, now, cancellationToken);
}
