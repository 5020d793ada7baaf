using Gateway.Conversations.Actions;
using Gateway.Conversations.Flows;

namespace Gateway.Conversations;

/// <summary>
/// What entering a node does, for one step in one flow, as the Stateless machine calls it: say, ask, run an action, end,
/// or skip a node whose answer is already known (<see cref="Skipped"/>, read by the <see cref="FlowRunner"/> to move on).
/// It changes only the step; it never starts flows itself.
/// </summary>
internal sealed class FlowNodeHooks(FlowTexts texts, FlowActions actions, StepContext step, FlowDefinition flow) : FlowMachine.IHooks
{
    /// <summary>True when the node just entered was skipped (<c>skip_if</c>): the runner fires <see cref="FlowMachine.Skip"/>.</summary>
    public bool Skipped { get; set; }

    public Task EnterAsync(FlowNode node, bool reentry)
    {
        var contact = step.Contact;
        if (node.SkipIf is { } condition && Known(contact, node, condition) is { } known)
        {
            // A channel condition ("ussd") knows no answer: it skips without saving one.
            if (node.Save is not null && known.Length > 0) contact.Session!.Vars[node.Save] = known;
            Skipped = true;
            return Task.CompletedTask;
        }
        switch (node.Kind)
        {
            case NodeKind.Say:
                texts.Say(step, node.Text!, flow);
                break;
            case NodeKind.Ask or NodeKind.Menu:
                if (!reentry) contact.Session!.Retries = 0;
                texts.Ask(step, flow, node);
                break;
            case NodeKind.Action:
                actions.Run(node, step);
                break;
            case NodeKind.End:
                if (node.Text is not null) texts.Say(step, node.Text, flow);
                contact.Session = null;
                break;
        }
        return Task.CompletedTask;
    }

    public Task GiveUpAsync()
    {
        texts.SaySystem(step, "giveup");
        step.Contact.Session = null;
        return Task.CompletedTask;
    }

    public bool RetriesLeft(FlowNode node) => step.Contact.Session!.Retries <= node.Retries;

    private string? Known(ContactState contact, FlowNode node, string condition) => condition switch
    {
        "commune" => contact.Commune,
        "language" => contact.LanguageConfirmed ? contact.Language : null,
        // The node's answer is already there (a report's text kept from the first message).
        "saved" => node.Save is { } save ? contact.Session?.Vars.GetValueOrDefault(save) : null,
        // Already subscribed to the flow's topic (meeting alerts): the flow says so instead of asking again.
        "subscribed" => contact.Topics.Contains("meetings") ? "yes" : null,
        // The question has a form per channel (an age band on USSD's numbered screens, a typed year elsewhere).
        "ussd" => step.Message.Channel == ChannelKind.Ussd ? "" : null,
        "not_ussd" => step.Message.Channel != ChannelKind.Ussd ? "" : null,
        // Nothing to show yet: the profile flow goes straight to its questions.
        "profile_empty" => contact.Profile?.HasAnswer != true ? "" : null,
        _ => null,
    };
}
