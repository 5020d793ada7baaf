using Gateway.Conversations;
using Gateway.Contracts;
using MassTransit;

namespace Gateway.Outbound;

/// <summary>
/// Sends a reply a committed step left in the outbox (<see cref="ReplyDelivery.Outbox"/>: WhatsApp Cloud API) through
/// the provider that received the message, from the number the contact wrote to. A refusal that may pass (429, 5xx,
/// network) throws so the bus retries; a reply already accepted is not sent again when the command is redelivered.
/// Unlike <see cref="ContactMessenger"/> it does not look at the contact's opt-out: the step already decided what to
/// say, and the confirmation of a STOP must still reach the contact who just sent it. Its route is not chosen but given
/// (the reply goes back the way the message came); the send itself goes through <see cref="Outbound.OutboundRouter.SendAsync"/>
/// like every other message the gateway sends, so a provider's "unsubscribed" opts the contact out here too.
/// </summary>
public sealed class DeliverReplyConsumer(MessageSenders senders, Outbound.OutboundRouter router, SendLedger ledger, TimeProvider clock, ILogger<DeliverReplyConsumer> logger)
    : IConsumer<DeliverReply>
{
    public async Task Consume(ConsumeContext<DeliverReply> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        if (await ledger.ContainsAsync(command.ReplyId, cancellationToken)) return;

        // A provider without a sender or an unknown channel is configuration: the command goes to the error queue,
        // from which it can be moved back once fixed, instead of being dropped.
        if (!ChannelKindNames.TryParse(command.Channel, out var channel))
            throw new InvalidOperationException($"DeliverReply {command.ReplyId}: unknown channel '{command.Channel}'.");
        if (!senders.TryGet(command.Provider, out _))
            throw new InvalidOperationException($"DeliverReply {command.ReplyId}: no sender is configured for provider '{command.Provider}'.");

        var reply = new Reply(command.Text, [.. command.Options.Select(o => new ReplyOption(o.Key, o.Label))], command.Language);
        // A reply that waited past the window (a long outage) can only go out as a template.
        var withinWindow = channel != ChannelKind.WhatsApp || WhatsAppWindow.IsOpen(command.RepliedAt, clock.GetUtcNow());
        var contact = new ContactState { ContactId = command.ContactId, Phone = command.To };
        var outcome = await router.SendAsync(contact, new Outbound.OutboundRoute(channel, command.Provider, command.From, withinWindow), reply, command.ReplyId, cancellationToken);
        if (outcome.Unconfirmed)
            // Recorded as sent: a redelivered command finds it in the ledger instead of reaching the contact twice.
            logger.LogWarning("{Provider} did not answer in time for reply {ReplyId}: taken as sent, not sent again", command.Provider, command.ReplyId);
        else if (!outcome.Accepted)
        {
            if (outcome.Retryable)
                throw new RetryableSendException($"{command.Provider} refused reply {command.ReplyId} for now: {outcome.ErrorCode} {outcome.Error}");
            logger.LogWarning("{Provider} refused reply {ReplyId} for contact {ContactId}: {Status} {ErrorCode} {Error}",
                command.Provider, command.ReplyId, command.ContactId, outcome.Status, outcome.ErrorCode, outcome.Error);
            return;
        }
        await ledger.RecordAsync(command.ReplyId, command.ContactId, cancellationToken);
    }
}

public sealed class DeliverReplyConsumerDefinition : ConsumerDefinition<DeliverReplyConsumer>
{
    /// <summary>Contacts served at once per replica (the partition count): sends of different contacts go in parallel.</summary>
    private const int Partitions = 16;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<DeliverReplyConsumer> consumer, IRegistrationContext context)
    {
        // Replies of one contact leave in the order the outbox relayed them: one partition per contact, and the retry
        // runs inside the partition, so a reply waiting for its retry holds back the contact's next one instead of
        // letting it overtake. Across replicas the broker may still split two replies of one contact; they come from
        // two messages the contact sent in a row, which is rare, and each still arrives.
        var partitioner = endpoint.CreatePartitioner(Partitions);
        endpoint.UsePartitioner<DeliverReply>(partitioner, c => EventIds.Deterministic("partition", c.Message.ContactId));
        // A reply is what the contact waits for: ride out a provider outage of about a quarter of an hour (10 tries,
        // 1 s growing to 5 min) before the error queue, and stay under RabbitMQ's 30-minute consumer timeout for an
        // unacknowledged delivery. Other commands keep the short CommandRetry.
        endpoint.UseMessageRetry(r => r.Exponential(10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(2)));
    }
}
