using Gateway.Conversations.Actions;
using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// Decides one step for one contact, in this order: opt-out state, global commands (STOP, START, HELP, LANG, MENU),
/// flow keywords, the answer to the question in progress, then a welcome or "not understood" with the menu.
/// Pure with respect to storage: it only changes the <see cref="StepContext"/>; the engine commits it.
/// </summary>
public sealed class Dialog(FlowTexts texts, FlowActions actions, FlowResolver flows)
{
    private readonly FlowActions _actions = actions;

    public const string LanguageFlow = "language";
    public const string MenuFlow = "menu";

    /// <summary>Flow hops per step (jumps between flows, say/action chains) before the step is cut short.</summary>
    private const int MaxHops = 64;

    private FlowCatalog Catalog => texts.Catalog;

    public async Task RunAsync(StepContext step, bool isNewContact)
    {
        var contact = step.Contact;
        var message = step.Message;
        var raw = message.Payload ?? message.Text ?? "";
        var normalized = TextNormalizer.Normalize(raw);
        var command = Catalog.System.CommandOf(normalized);

        if (contact.OptedOut)
        {
            // Opted-out contacts get nothing but the confirmation of START.
            if (command == "start")
            {
                FlowActions.OptIn(step);
                SaySystem(step, "start_confirmed");
            }
            return;
        }

        // USSD: a new operator session is a new conversation.
        if (message.SessionKey is not null && contact.Session is { } s0 && s0.SessionKey != message.SessionKey)
            contact.Session = null;

        switch (command)
        {
            case "stop":
                FlowActions.OptOut(step, "keyword");
                SaySystem(step, "stop_confirmed");
                return;
            case "start":
                SaySystem(step, "already_subscribed");
                return;
            case "help":
                SaySystem(step, "help");
                if (CurrentQuestion(contact) is { } help) Ask(step, help.Flow, help.Node);
                return;
            case "lang":
                await StartFlowAsync(step, LanguageFlow, null);
                return;
            case "menu":
                await StartFlowAsync(step, MenuFlow, null);
                return;
        }

        // Until the contact chooses, the script of what they write suggests their language.
        contact.Language ??= GuessLanguage(raw);

        var expired = contact.Session is { } s1 && s1.ExpiresAt <= step.Now;
        if (expired) contact.Session = null;

        var firstWord = TextNormalizer.FirstWord(normalized);
        if (flows.MatchKeyword(firstWord, contact, message) is { } flow && StartsFlow(contact, normalized, firstWord))
        {
            var rest = normalized.Length > firstWord.Length ? normalized[(firstWord.Length + 1)..] : null;
            await StartFlowAsync(step, flow.Id, rest);
            return;
        }

        if (contact.Session is not null)
        {
            await AnswerAsync(step, raw, normalized);
            return;
        }

        if (expired) SaySystem(step, "expired");
        if (contact.Language is null)
        {
            // Nothing to guess from (a USSD dial, digits only): ask.
            await StartFlowAsync(step, LanguageFlow, null);
            return;
        }
        var firstUssdHop = message.Channel == ChannelKind.Ussd && normalized.Length == 0;
        if (isNewContact) SaySystem(step, "welcome");
        else if (!expired && !firstUssdHop) SaySystem(step, "unknown");
        await StartFlowAsync(step, MenuFlow, null);
    }

    /// <summary>Starts <paramref name="flowId"/> from its start node; <paramref name="prefill"/> answers its first question when it fits.</summary>
    public async Task StartFlowAsync(StepContext step, string flowId, string? prefill)
    {
        var flow = flows.Find(flowId) ?? throw new InvalidOperationException($"Flow '{flowId}' does not exist.");
        var contact = step.Contact;
        contact.Session = new Session
        {
            FlowId = flow.Id,
            NodeId = FlowMachine.StartState,
            StartedAt = step.Now,
            LastActivityAt = step.Now,
            ExpiresAt = step.Now + flow.IdleTimeout,
            SessionKey = step.Message.SessionKey,
        };
        await FireAsync(step, flow, FlowMachine.Begin);

        if (prefill is not null && CurrentQuestion(contact) is { } question
            && AnswerMatcher.Match(texts.Options(question.Node, contact), prefill, loose: question.Node.FreeText is null) >= 0)
        {
            await AnswerAsync(step, prefill, prefill, silentQuestion: true);
        }
    }

    private async Task AnswerAsync(StepContext step, string raw, string normalized, bool silentQuestion = false)
    {
        var contact = step.Contact;
        if (CurrentQuestion(contact) is not { } current)
        {
            contact.Session = null;
            await RunAsync(step, isNewContact: false);
            return;
        }
        var (flow, node) = current;
        var session = contact.Session!;
        session.LastActivityAt = step.Now;
        session.ExpiresAt = step.Now + flow.IdleTimeout;
        if (silentQuestion) step.ForgetSaid();

        var options = texts.Options(node, contact);
        var chosen = AnswerMatcher.Match(options, normalized, loose: node.FreeText is null);
        if (chosen >= 0)
        {
            var value = options[chosen].Value;
            if (chosen >= node.Options.Count && value.StartsWith(FlowTexts.JumpPrefix, StringComparison.Ordinal))
            {
                await StartFlowAsync(step, value[FlowTexts.JumpPrefix.Length..], null);
                return;
            }
            if (node.Save is not null) session.Vars[node.Save] = value;
            var declared = chosen < node.Options.Count ? node.Options[chosen] : null;
            await FireAsync(step, flow, declared?.Next is not null ? FlowMachine.OptionTrigger(value) : FlowMachine.Next);
            return;
        }

        if (node.FreeText is { } rule)
        {
            var text = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var length = text.EnumerateRunes().Count();
            if (length >= Math.Max(1, rule.Min) && length <= rule.Max)
            {
                if (node.Save is not null) session.Vars[node.Save] = text;
                await FireAsync(step, flow, FlowMachine.Next);
                return;
            }
            session.Retries++;
            SaySystem(step, length > rule.Max ? "too_long" : "too_short", ("max", rule.Max), ("min", rule.Min));
            await FireAsync(step, flow, FlowMachine.Invalid);
            return;
        }

        session.Retries++;
        if (node.Invalid is { } invalid) Say(step, invalid, flow);
        else SaySystem(step, "invalid");
        await FireAsync(step, flow, FlowMachine.Invalid);
    }

    /// <summary>Fires a trigger, then keeps the flow moving through say/action/skipped nodes and flow jumps until it waits or ends.</summary>
    private async Task FireAsync(StepContext step, FlowDefinition flow, string trigger)
    {
        var contact = step.Contact;
        if (contact.Session is not { } session) return;
        // One pooled machine for the whole chain of hops in this flow (building one costs more than firing it).
        var hooks = new Hooks(this, step, flow);
        using var lease = FlowMachinePool.Rent(flow, session, hooks);
        for (var hop = 0; hop < MaxHops; hop++)
        {
            hooks.Skipped = false;
            try
            {
                await lease.Machine.FireAsync(trigger);
            }
            catch
            {
                lease.Discard();
                throw;
            }

            if (contact.Session != session) return; // the node ended the conversation (end, give up, opt-out)
            if (FlowMachine.IsJump(session.NodeId, out var nextFlow))
            {
                await StartFlowAsync(step, nextFlow, null);
                return;
            }
            if (!flow.Nodes.TryGetValue(session.NodeId, out var node)) return;
            if (hooks.Skipped) trigger = FlowMachine.Skip;
            else if (node.Kind is NodeKind.Say or NodeKind.Action) trigger = FlowMachine.Next;
            else return; // waiting for an answer
        }
    }

    private sealed class Hooks(Dialog dialog, StepContext step, FlowDefinition flow) : FlowMachine.IHooks
    {
        public bool Skipped { get; set; }

        public Task EnterAsync(FlowNode node, bool reentry)
        {
            var contact = step.Contact;
            if (node.SkipIf is { } condition && dialog.Known(contact, condition) is { } known)
            {
                if (node.Save is not null) contact.Session!.Vars[node.Save] = known;
                Skipped = true;
                return Task.CompletedTask;
            }
            switch (node.Kind)
            {
                case NodeKind.Say:
                    dialog.Say(step, node.Text!, flow);
                    break;
                case NodeKind.Ask or NodeKind.Menu:
                    if (!reentry) contact.Session!.Retries = 0;
                    dialog.Ask(step, flow, node);
                    break;
                case NodeKind.Action:
                    dialog._actions.Run(node, step);
                    break;
                case NodeKind.End:
                    if (node.Text is not null) dialog.Say(step, node.Text, flow);
                    contact.Session = null;
                    break;
            }
            return Task.CompletedTask;
        }

        public Task GiveUpAsync()
        {
            dialog.SaySystem(step, "giveup");
            step.Contact.Session = null;
            return Task.CompletedTask;
        }

        public bool RetriesLeft(FlowNode node) => step.Contact.Session!.Retries <= node.Retries;
    }

    private static string? GuessLanguage(string text) => ScriptDetector.Detect(text) switch
    {
        Script.Arabic => Languages.Arabic,
        Script.Tifinagh => Languages.Tifinagh,
        Script.Latin => Languages.French,
        _ => null,
    };

    private string? Known(ContactState contact, string condition) => condition switch
    {
        "commune" => contact.Commune,
        "language" => contact.LanguageConfirmed ? contact.Language : null,
        _ => null,
    };

    /// <summary>A keyword starts a flow unless the contact is typing free text, where only the bare keyword (maybe with a number) counts.</summary>
    private bool StartsFlow(ContactState contact, string normalized, string firstWord)
    {
        if (CurrentQuestion(contact) is not { } current || current.Node.FreeText is null) return true;
        return normalized == firstWord || TextNormalizer.TryReadNumber(normalized[(firstWord.Length + 1)..], out _);
    }

    private (FlowDefinition Flow, FlowNode Node)? CurrentQuestion(ContactState contact)
    {
        if (contact.Session is not { } session || flows.Find(session.FlowId) is not { } flow) return null;
        if (!flow.Nodes.TryGetValue(session.NodeId, out var node) || node.Kind is not (NodeKind.Ask or NodeKind.Menu)) return null;
        return (flow, node);
    }

    private void Ask(StepContext step, FlowDefinition flow, FlowNode node)
    {
        var (text, language) = texts.Resolve(node.Text!, step.Contact, flow);
        step.Ask(text, language, texts.ReplyOptions(node, step.Contact, flow));
    }

    private void Say(StepContext step, LocalizedText text, FlowDefinition flow)
    {
        var (resolved, language) = texts.Resolve(text, step.Contact, flow);
        step.Say(resolved, language);
    }

    private void SaySystem(StepContext step, string message, params (string Name, int Value)[] values)
    {
        var (text, language) = texts.System(message, step.Contact);
        foreach (var (name, value) in values) text = text.Replace("{" + name + "}", value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        step.Say(text, language);
    }
}
