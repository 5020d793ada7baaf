using Gateway.Communes;
using Gateway.Conversations.Actions;
using Gateway.Conversations.Flows;
using Gateway.Conversations.Ports;

namespace Gateway.Conversations;

/// <summary>
/// Runs conversation steps with the contact store: read, decide (<see cref="Dialog"/>), commit atomically with
/// the step's events and idempotency record; on a version conflict (another replica, a provider retry racing the
/// original, a stale cached read) decide again on the state the commit returned. A provider message id seen before
/// returns the stored result. An inbound message counts against the <see cref="IInboundQuota"/>, when one is registered,
/// inside that same commit; past it the step is not written and the quota says what to answer. Before deciding, the
/// <see cref="IRoutingSnapshot"/>s the routing reads are brought up to date (another replica may have created or closed a poll).
/// </summary>
public sealed class ConversationEngine(
    IContactStore store,
    Dialog dialog,
    FlowRunner runner,
    FlowResolver flows,
    ContactIds contactIds,
    CommuneRegistry communes,
    TimeProvider clock,
    IEnumerable<IStepObserver> observers,
    IEnumerable<IRoutingSnapshot> snapshots,
    ILogger<ConversationEngine> logger,
    IInboundQuota? inboundQuota = null) : IConversationEngine
{
    /// <summary>
    /// Optimistic attempts before giving up (each conflict means another step of the same contact committed). Under a
    /// burst (50 messages of one contact at two replicas) the unluckiest step may lose once per other message, so the
    /// budget is larger than any plausible burst; <see cref="Backoff"/> keeps the contenders from colliding in lockstep.
    /// </summary>
    private const int MaxAttempts = 100;

    private readonly IRoutingSnapshot[] _snapshots = [.. snapshots];

    /// <summary>One inbound message; its text and payload are made valid Unicode first (<see cref="Text.InboundText"/>), whatever the channel.</summary>
    public Task<StepResult> HandleAsync(InboundMessage message, CancellationToken cancellationToken) =>
        RunAsync(Clean(message), (step, isNew) => dialog.RunAsync(step, isNew), cancellationToken);

    private static InboundMessage Clean(InboundMessage message) =>
        Text.InboundText.IsClean(message.Text) && Text.InboundText.IsClean(message.Payload)
            ? message
            : message with { Text = Text.InboundText.Clean(message.Text), Payload = Text.InboundText.CleanOptional(message.Payload) };

    public Task<StepResult> StartFlowAsync(string phone, ChannelKind channel, string flowId, string requestId, CancellationToken cancellationToken)
    {
        if (flows.Find(flowId) is null) throw new KeyNotFoundException($"Flow '{flowId}' does not exist.");
        var message = new InboundMessage(channel, "", phone, "", "", ProviderMessageId: "command:" + requestId);
        return RunAsync(message, async (step, _) =>
        {
            // A command never overrides an opt-out.
            if (!step.Contact.OptedOut) await runner.StartFlowAsync(step, flowId, null);
        }, cancellationToken, inbound: false);
    }

    public Task OptOutAsync(string phone, string source, CancellationToken cancellationToken) =>
        RunAsync(new InboundMessage(ChannelKind.Sms, "", phone, "", ""), (step, _) =>
        {
            FlowActions.OptOut(step, source);
            return Task.CompletedTask;
        }, cancellationToken, inbound: false);

    private async Task<StepResult> RunAsync(InboundMessage message, Func<StepContext, bool, Task> decide, CancellationToken cancellationToken, bool inbound = true)
    {
        var contactId = contactIds.For(message.From);
        // Possibly stale (a cache): the commit checks the version and, when it moved, hands back the state to decide on
        // again. A provider message id handled before is caught by the commit too, atomically with it.
        // The snapshots' checks go out alongside the contact's read (one round trip when both reach Redis).
        var current = EnsureSnapshotsCurrentAsync(cancellationToken);
        var stored = await store.GetForStepAsync(contactId, cancellationToken);
        await current;
        var quota = inbound ? inboundQuota?.For(contactId, message, clock.GetUtcNow()) : null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var contact = stored?.State ?? new ContactState { ContactId = contactId, Phone = message.From, CreatedAt = now, SimulatorOnly = message.Simulated };
            contact.Phone = message.From;
            if (!message.Simulated) contact.SimulatorOnly = false;
            if (inbound) Touch(contact, message, now);

            var step = new StepContext(contact, message, now);
            await decide(step, stored is null);

            // Once the gateway has spoken a language to a contact who never chose one, it keeps to it: learning the
            // commune (whose default may differ) must not switch languages mid-conversation.
            if (step.HasSaid) contact.Language ??= step.Language;
            var open = contact.Session is not null;
            var result = new StepResult(step.Replies(contact.Language ?? Languages.French), open, contactId);
            ReplyOutbox.Add(step, result);
            var processed = message.ProviderMessageId is { } pid ? new ProcessedMessage(pid, result) : null;
            var commit = new ContactCommit(contactId, stored?.Version ?? ContactVersions.Absent, contact, step.Events, step.Counters, processed, step.Records, quota);
            switch (await store.CommitAsync(commit, cancellationToken))
            {
                case CommitOutcome.Committed:
                    foreach (var observer in observers) observer.Committed(step, result);
                    return result;
                case CommitOutcome.AlreadyProcessed done:
                    return done.Result with { Duplicate = true };
                case CommitOutcome.OverQuota over:
                    // Nothing was written; the state is the one this refused step left (its language is the one it would have answered in).
                    return inboundQuota!.Refused(contactId, contact, message, over.Count);
                case CommitOutcome.Conflict conflict:
                    stored = conflict.Current;
                    // The store counts the quota before checking the version: this message is counted and admitted, so
                    // deciding it again must not count it twice (nor refuse it when later messages pushed the count past the limit).
                    quota = null;
                    break;
            }
            // The first conflict is most often a stale cached read, and the commit returned the current state: decide again at
            // once. A second one is a real race with another step of this contact.
            logger.LogDebug("Step of contact {ContactId} lost a race (attempt {Attempt}); retrying.", contactId, attempt);
            if (attempt > 1) await Task.Delay(Backoff(attempt), cancellationToken);
        }
        throw new ContactBusyException(contactId);
    }

    private ValueTask EnsureSnapshotsCurrentAsync(CancellationToken cancellationToken) => _snapshots.Length switch
    {
        0 => ValueTask.CompletedTask,
        1 => _snapshots[0].EnsureCurrentAsync(cancellationToken),
        _ => new ValueTask(Task.WhenAll(_snapshots.Select(s => s.EnsureCurrentAsync(cancellationToken).AsTask()))),
    };

    /// <summary>
    /// A short random pause after a lost race (1–2 ms, growing to 1–32 ms): retrying at once makes every contender of a
    /// burst reload and collide again, so some exhaust their attempts. Real time, not <c>clock</c>: it paces Redis round trips.
    /// </summary>
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, 1 + (1 << Math.Min(attempt, 5))));

    /// <summary>
    /// Remembers where the contact wrote from, so replies, alerts and the WhatsApp 24 h window follow them (never from the
    /// simulator for a real citizen), and attaches the contact to the commune owning the number they wrote to.
    /// </summary>
    private void Touch(ContactState contact, InboundMessage message, DateTimeOffset now)
    {
        contact.Commune ??= communes.FindByNumber(message.To)?.Id;
        // Staff trying a flow as a real citizen's number must not send that citizen's alerts and replies to the simulator.
        if (message.Simulated && !contact.SimulatorOnly) return;
        contact.LastChannel = message.Channel;
        contact.LastProvider = message.Provider;
        contact.LastTo = message.To;
        contact.LastInboundAt[message.Channel] = now;
    }
}

/// <summary>Told after each committed step (metrics, the outbox relay's wake-up).</summary>
public interface IStepObserver
{
    void Committed(StepContext step, StepResult result);
}

/// <summary>Too many concurrent steps for one contact: the caller should answer 503 so the provider retries.</summary>
public sealed class ContactBusyException(string contactId)
    : Exception($"Contact {contactId} is busy: too many concurrent messages. Retry later.");
