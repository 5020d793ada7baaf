using Gateway.Conversations;
using Gateway.Contracts;
using MassTransit;
using Gateway.Text;

namespace Gateway.Outbound;

/// <summary>Another system asks the gateway to send one message to a contact, in the contact's language.</summary>
public sealed class SendMessageConsumer(ContactMessenger messenger, FlowTexts texts, TimeProvider clock, ILogger<SendMessageConsumer> logger) : IConsumer<SendMessage>
{
    public async Task Consume(ConsumeContext<SendMessage> context)
    {
        var command = context.Message;
        if (command.Texts.Count == 0 || await messenger.AlreadySentAsync(command.RequestId, context.CancellationToken)) return;
        var contact = (await messenger.FindAsync(command.To, command.ContactId, context.CancellationToken))?.State;
        if (contact is null)
        {
            // A first message to a number never seen: the contact exists from now on (no language yet: fallback applies).
            if (!Text.PhoneNumbers.TryNormalize(command.To, out var phone))
            {
                logger.LogWarning("SendMessage {RequestId}: unknown contact and no valid number; dropped.", command.RequestId);
                return;
            }
            contact = new ContactState { ContactId = "", Phone = phone, CreatedAt = clock.GetUtcNow() };
        }
        var channel = ChannelKindNames.TryParse(command.Channel, out var kind) ? kind : (ChannelKind?)null;
        var (text, language) = texts.Resolve(new LocalizedText(command.Texts), contact, null);
        await messenger.SendAsync(contact, channel, [Reply.Written(text, language)], command.RequestId, context.CancellationToken);
    }
}

public sealed class SendMessageConsumerDefinition : ConsumerDefinition<SendMessageConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<SendMessageConsumer> consumer, IRegistrationContext context) =>
        CommandRetry.Apply(endpoint);
}
