using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Options;
using Gateway.Conversations.Ports;

namespace Gateway.Abuse;

/// <summary>
/// The per-number inbound limit, in front of the engine: past <see cref="AbuseOptions.InboundPerPhone"/> messages in a
/// window a message is acknowledged (the provider gets its normal answer, so it does not retry) but not processed —
/// no step, no reply, no report, no SMS paid by the commune — except the first one past the limit, which gets one
/// polite notice in the contact's language. Counted in the shared store, so every replica sees the same count.
/// </summary>
public sealed class LimitedConversationEngine(
    ConversationEngine inner, IRateCounter counter, IContactStore contacts, ContactIds ids, CommuneRegistry communes,
    IOptionsMonitor<AbuseOptions> options, TimeProvider clock, ILogger<LimitedConversationEngine> logger) : IConversationEngine
{
    public async Task<StepResult> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var limit = options.CurrentValue;
        if (limit.InboundPerPhone <= 0) return await inner.HandleAsync(message, cancellationToken);

        var contactId = ids.For(message.From);
        var count = await counter.HitAsync("in:" + contactId, RedisKeys.Tag(RedisKeys.Shard(contactId)), limit.InboundWindow, clock.GetUtcNow(), cancellationToken);
        if (count <= limit.InboundPerPhone) return await inner.HandleAsync(message, cancellationToken);

        var notice = count == limit.InboundPerPhone + 1;
        if (notice) logger.LogWarning("Contact {ContactId} passed {Limit} messages in {Window}: further messages are not processed until the window ends",
            contactId, limit.InboundPerPhone, limit.InboundWindow);
        if (!notice) return new StepResult([], false, contactId);
        var language = await LanguageAsync(contactId, message.To, cancellationToken);
        return new StepResult([Reply.Plain(LimitNotice.For(language), language)], false, contactId);
    }

    public Task<StepResult> StartFlowAsync(string phone, ChannelKind channel, string flowId, string requestId, CancellationToken cancellationToken) =>
        inner.StartFlowAsync(phone, channel, flowId, requestId, cancellationToken);

    public Task OptOutAsync(string phone, string source, CancellationToken cancellationToken) => inner.OptOutAsync(phone, source, cancellationToken);

    /// <summary>Erasure: the contact's counters go too (their key holds the contact id).</summary>
    public static Task ForgetAsync(IRateCounter counter, AbuseOptions options, string contactId, DateTimeOffset now, CancellationToken cancellationToken) =>
        counter.ForgetAsync("in:" + contactId, RedisKeys.Tag(RedisKeys.Shard(contactId)), options.InboundWindow, now, cancellationToken);

    private async Task<string> LanguageAsync(string contactId, string to, CancellationToken cancellationToken) =>
        (await contacts.GetAsync(contactId, cancellationToken))?.State.Language
        ?? communes.FindByNumber(to)?.DefaultLanguage
        ?? Languages.French;
}
