using Gateway.Bus;
using Gateway.Conversations;
using Gateway.Contracts;
using MassTransit;

namespace Gateway.Outbound;

/// <summary>
/// Another system asks the gateway to start a flow with a contact (e.g. a commune's follow-up survey). No contact and no
/// valid number faults the command (<see cref="InvalidCommandException"/>): it goes to the error queue, never dropped.
/// </summary>
public sealed class StartFlowConsumer(IConversationEngine engine, ContactMessenger messenger) : IConsumer<StartFlow>
{
    public async Task Consume(ConsumeContext<StartFlow> context)
    {
        var command = context.Message;
        var found = await messenger.FindAsync(command.To, command.ContactId, context.CancellationToken);
        var phone = found?.State.Phone ?? (Text.PhoneNumbers.TryNormalize(command.To, out var e164) ? e164 : null);
        if (phone is null)
            throw new InvalidCommandException(nameof(StartFlow), command.RequestId,
                "no known contact has this contactId and 'to' is not a valid phone number (E.164, e.g. +212612345678).");
        var channel = ChannelKindNames.TryParse(command.Channel, out var kind) ? kind : found?.State.LastChannel ?? ChannelKind.Sms;
        if (await messenger.AlreadySentAsync(command.RequestId, context.CancellationToken)) return;

        var result = await engine.StartFlowAsync(phone, channel, command.FlowId, command.RequestId, context.CancellationToken);
        var contact = (await messenger.FindAsync(phone, null, context.CancellationToken))!.State;
        await messenger.SendAsync(contact, channel, result.Replies, command.RequestId, context.CancellationToken);
    }
}

public sealed class StartFlowConsumerDefinition : ConsumerDefinition<StartFlowConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<StartFlowConsumer> consumer, IRegistrationContext context) =>
        CommandRetry.Apply(endpoint);
}
