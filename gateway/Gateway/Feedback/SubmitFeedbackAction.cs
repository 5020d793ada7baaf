using Gateway.Contracts;
using Gateway.Conversations;
using Gateway.Conversations.Flows;
using Gateway.Conversations.Ports;
using Gateway.Feedback.Storage;
using Gateway.Profiles;
using Microsoft.Extensions.Options;

namespace Gateway.Feedback;

/// <summary>
/// <c>submit_feedback</c>: files the report the feedback flow collected (<c>category</c>, <c>details</c>, <c>place</c>)
/// on the commune's desk. The report is a record of the step's own commit (<see cref="FeedbackRecords"/>), created with
/// the contact's state, the <see cref="FeedbackReceived"/> event and the commune's counter, or not at all. Its reference
/// is saved as <c>reference</c> for the confirmation text.
/// </summary>
public sealed class SubmitFeedbackAction(FeedbackReferences references, IOptions<FeedbackOptions> options, IParticipationCounter participation) : IFlowAction
{
    public const string ActionName = "submit_feedback";

    public string Name => ActionName;

    public void Run(FlowNode node, StepContext step)
    {
        var contact = step.Contact;
        var vars = contact.Session?.Vars ?? [];
        // Drawn again when the step is decided again: a reference the store already holds makes the commit a conflict.
        var reference = references.Next(contact.ContactId);
        vars["reference"] = reference;
        var place = vars.GetValueOrDefault("place");
        if (place is "skip") place = null;
        var category = vars.GetValueOrDefault("category") ?? "other";
        var text = vars.GetValueOrDefault("details") ?? "";
        var language = contact.Language ?? Languages.French;
        var channel = step.Message.Channel.ToWire();
        var simulated = step.Message.Simulated;
        step.Create(FeedbackRecords.Of(FeedbackReport.Filed(reference, contact.ContactId, contact.Commune, category, text, place, channel, language,
            step.Now, options.Value.AnswerWithin, simulated)));
        step.Publish(new FeedbackReceived(reference, contact.ContactId, contact.Commune, category, text, place, channel, language, step.Now)
            {
                Simulated = simulated,
            },
            $"{contact.ContactId}:{reference}");
        if (contact.Commune is { } commune) step.Count($"commune:{commune}", $"feedback:{category}");
        participation.Count(step, ProfileCounters.Report, contact.Commune);
    }
}
