using Gateway.Contracts;
using Gateway.Conversations.Flows;
using Gateway.Conversations.Ports;

namespace Gateway.Conversations.Actions;

/// <summary>
/// What <c>action</c> nodes do. Each action changes the contact's state and records its events on the step,
/// so that both are committed together (or not at all).
/// </summary>
public sealed class FlowActions(IEnumerable<IFlowAction> extensions, IParticipationCounter participation)
{
    private readonly Dictionary<string, IFlowAction> _extensions = extensions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public void Run(FlowNode node, StepContext step)
    {
        var contact = step.Contact;
        var vars = contact.Session?.Vars ?? [];
        string Arg(string name, string fallback) => node.Args.GetValueOrDefault(name) ?? fallback;
        string? Var(string name) => vars.GetValueOrDefault(Arg("from", name));

        switch (node.Action)
        {
            case FlowActionNames.SetLanguage:
                var language = node.Args.GetValueOrDefault("value") ?? Var("language");
                if (Languages.IsKnown(language))
                {
                    contact.Language = language;
                    contact.LanguageConfirmed = true;
                }
                break;

            case FlowActionNames.SetCommune:
                if (Var("commune") is { } commune) contact.Commune = commune;
                break;

            case FlowActionNames.Subscribe:
            {
                var topic = Arg("topic", "meetings");
                if (!ConsentLog.Applies(step))
                {
                    if (!contact.Topics.Contains(topic)) Attempted(step, ConsentLog.OptIn, "flow", topic);
                    break;
                }
                contact.OptedOut = false;
                if (contact.Topics.Add(topic))
                {
                    ConsentLog.Record(contact, step.Now, ConsentLog.OptIn, ConsentLog.ChannelOf(step, "flow"), "flow", topic, step.Message.Simulated);
                    step.Publish(new ContactOptedIn(contact.ContactId, contact.Commune, topic, contact.Language ?? Languages.French, step.Now)
                        { Simulated = step.Message.Simulated }, $"{contact.ContactId}:{topic}:{step.Now.ToUnixTimeMilliseconds()}");
                    participation.Count(step, "subscribe", contact.Commune);
                }
                break;
            }

            case FlowActionNames.Unsubscribe:
            {
                var topic = Arg("topic", "meetings");
                if (!ConsentLog.Applies(step))
                {
                    if (contact.Topics.Contains(topic)) Attempted(step, ConsentLog.OptOut, "flow", topic);
                    break;
                }
                if (contact.Topics.Remove(topic))
                {
                    ConsentLog.Record(contact, step.Now, ConsentLog.OptOut, ConsentLog.ChannelOf(step, "flow"), "flow", topic, step.Message.Simulated);
                    step.Publish(new ContactOptedOut(contact.ContactId, contact.Commune, topic, "flow", step.Now)
                        { Simulated = step.Message.Simulated }, $"{contact.ContactId}:{topic}:{step.Now.ToUnixTimeMilliseconds()}");
                }
                break;
            }

            case FlowActionNames.OptOut:
                OptOut(step, "flow");
                break;

            case FlowActionNames.OptIn:
                OptIn(step, "flow");
                break;

            default:
                if (node.Action is not null && _extensions.TryGetValue(node.Action, out var extension)) extension.Run(node, step);
                else throw new InvalidOperationException($"Unknown action '{node.Action}' passed validation.");
                break;
        }
    }

    /// <summary>
    /// Global opt-out: nothing more is sent to this contact but the confirmation. Through the simulator, only for a phone the
    /// simulator alone used (<see cref="ConsentLog.Applies"/>); for a real contact the attempt is logged and changes nothing.
    /// </summary>
    public static void OptOut(StepContext step, string source)
    {
        var contact = step.Contact;
        contact.Session = null;
        if (contact.OptedOut) return;
        if (!ConsentLog.Applies(step))
        {
            Attempted(step, ConsentLog.OptOut, source, null);
            return;
        }
        contact.OptedOut = true;
        ConsentLog.Record(contact, step.Now, ConsentLog.OptOut, ConsentLog.ChannelOf(step, source), source, null, step.Message.Simulated);
        step.Publish(new ContactOptedOut(contact.ContactId, contact.Commune, null, source, step.Now) { Simulated = step.Message.Simulated },
            $"{contact.ContactId}:*:{step.Now.ToUnixTimeMilliseconds()}");
    }

    /// <summary>Back in after a STOP; through the simulator, as <see cref="OptOut"/>.</summary>
    public static void OptIn(StepContext step, string source)
    {
        var contact = step.Contact;
        if (!contact.OptedOut) return;
        if (!ConsentLog.Applies(step))
        {
            Attempted(step, ConsentLog.OptIn, source, null);
            return;
        }
        contact.OptedOut = false;
        ConsentLog.Record(contact, step.Now, ConsentLog.OptIn, ConsentLog.ChannelOf(step, source), source, null, step.Message.Simulated);
        step.Publish(new ContactOptedIn(contact.ContactId, contact.Commune, null, contact.Language ?? Languages.French, step.Now)
            { Simulated = step.Message.Simulated }, $"{contact.ContactId}:*:{step.Now.ToUnixTimeMilliseconds()}");
    }

    /// <summary>A consent change the simulator asked for a real contact: the trace in the consent log, marked simulated; no change, no event.</summary>
    private static void Attempted(StepContext step, string action, string source, string? topic) =>
        ConsentLog.Record(step.Contact, step.Now, action, ConsentLog.ChannelOf(step, source), source, topic, simulated: true);
}
