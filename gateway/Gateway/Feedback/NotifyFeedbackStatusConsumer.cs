using Gateway.Bus;
using Gateway.Conversations;
using Gateway.Outbound;
using Gateway.Contracts;
using MassTransit;
using Gateway.Text;

namespace Gateway.Feedback;

/// <summary>
/// A commune closes the loop: "your request R-4F7K is resolved", in the citizen's language, through the one outbound
/// path. The change is recorded on the desk too (once per request id, and only on a report this contact filed); the
/// desk's own status changes come through here with the change already recorded.
/// </summary>
public sealed class NotifyFeedbackStatusConsumer(ContactMessenger messenger, FlowTexts texts, FeedbackDesk desk) : IConsumer<NotifyFeedbackStatus>
{
    private static readonly IReadOnlySet<string> Statuses = new HashSet<string> { "received", "in_progress", "resolved", "rejected" };

    public async Task Consume(ConsumeContext<NotifyFeedbackStatus> context)
    {
        var command = context.Message;
        if (!Statuses.Contains(command.Status))
            throw new InvalidCommandException(nameof(NotifyFeedbackStatus), command.RequestId,
                $"unknown status '{command.Status}' (received, in_progress, resolved, rejected).");
        if (await messenger.AlreadySentAsync(command.RequestId, context.CancellationToken)) return;
        var recorded = FeedbackReferences.Parse(command.Reference) is { } reference
            ? (await desk.ChangeStatusAsync(reference, FeedbackStatuses.FromCommand(command.Status)!, command.Note, "bus",
                report => report.ContactId == command.ContactId, context.CancellationToken, command.RequestId)).Report
            : null;
        if (await messenger.FindAsync(null, command.ContactId, context.CancellationToken) is not { } found)
            throw new InvalidCommandException(nameof(NotifyFeedbackStatus), command.RequestId, $"contact {command.ContactId} is unknown or erased.");
        var contact = found.State;
        var (status, language) = texts.System("feedback_status_" + command.Status, contact);
        var note = command.Note is { Count: > 0 } notes ? texts.Resolve(new LocalizedText(notes), contact, null).Text : null;
        var text = FeedbackTexts.Answer(status, command.Reference, note);
        // The desk's resolution asks once whether the problem is really solved (FeedbackFollowUp records the answer).
        if (recorded?.ConfirmationRequestId == command.RequestId) text += "\n" + texts.Resolve(FeedbackTexts.ConfirmQuestion, contact, null).Text;
        // The clerk's words go as written, as the console previewed them.
        await messenger.SendAsync(contact, null, [Reply.Written(text, language)], command.RequestId, context.CancellationToken);
    }
}

public sealed class NotifyFeedbackStatusConsumerDefinition : ConsumerDefinition<NotifyFeedbackStatusConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<NotifyFeedbackStatusConsumer> consumer, IRegistrationContext context) =>
        CommandRetry.Apply(endpoint);
}
