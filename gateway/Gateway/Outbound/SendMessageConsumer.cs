using Gateway.Bus;
using Gateway.Conversations;
using Gateway.Contracts;
using MassTransit;
using Gateway.Text;

namespace Gateway.Outbound;

/// <summary>
/// Another system asks the gateway to send one message to a contact, in the contact's language. An invalid command (no
/// text, an unknown channel, no contact and no valid number) faults (<see cref="InvalidCommandException"/>), never dropped.
/// </summary>
public sealed class SendMessageConsumer(ContactMessenger messenger, FlowTexts texts, TimeProvider clock) : IConsumer<SendMessage>
{
    public async Task Consume(ConsumeContext<SendMessage> context)
    {
        var command = context.Message;
        if (command.Texts is not { Count: > 0 } || command.Texts.Values.All(string.IsNullOrWhiteSpace))
            throw Invalid(command, "texts is empty (give the text in at least one language, e.g. {\"fr\": \"...\"}).");
        if (!string.IsNullOrWhiteSpace(command.Channel) && !ChannelKindNames.TryParse(command.Channel, out _))
            throw Invalid(command, $"unknown channel '{command.Channel}' (sms, whatsapp, or none for the contact's last channel).");
        if (await messenger.AlreadySentAsync(command.RequestId, context.CancellationToken)) return;
        var contact = (await messenger.FindAsync(command.To, command.ContactId, context.CancellationToken))?.State;
        if (contact is null)
        {
            // A first message to a number never seen: the contact exists from now on (no language yet: fallback applies).
            if (!Text.PhoneNumbers.TryNormalize(command.To, out var phone))
                throw Invalid(command, "no known contact has this contactId and 'to' is not a valid phone number (E.164, e.g. +212612345678).");
            contact = new ContactState { ContactId = "", Phone = phone, CreatedAt = clock.GetUtcNow() };
        }
        var channel = ChannelKindNames.TryParse(command.Channel, out var kind) ? kind : (ChannelKind?)null;
        var (text, language) = texts.Resolve(new LocalizedText(command.Texts), contact, null);
        await messenger.SendAsync(contact, channel, [Reply.Written(text, language)], command.RequestId, context.CancellationToken);
    }

    private static InvalidCommandException Invalid(SendMessage command, string reason) => new(nameof(SendMessage), command.RequestId, reason);
}

public sealed class SendMessageConsumerDefinition : ConsumerDefinition<SendMessageConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<SendMessageConsumer> consumer, IRegistrationContext context) =>
        CommandRetry.Apply(endpoint);
}
