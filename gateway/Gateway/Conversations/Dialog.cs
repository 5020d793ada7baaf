using Gateway.Conversations.Actions;
using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// Decides one step for one contact, in this order: opt-out state, global commands (STOP, START, HELP, LANG, MENU),
/// flow keywords, the answer to the question in progress, then a welcome or "not understood" with the menu.
/// Pure with respect to storage: it only changes the <see cref="StepContext"/>; the engine commits it.
/// </summary>
public sealed class Dialog(FlowTexts texts, FlowActions actions, FlowResolver flows, IEnumerable<IDialogExtension> extensions)
{
    private readonly FlowActions _actions = actions;
    private readonly IDialogExtension[] _extensions = [.. extensions];

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
                FlowActions.OptIn(step, "keyword");
                SaySystem(step, "start_confirmed");
            }
            return;
        }

        // USSD: a new operator session is a new conversation.
        if (message.SessionKey is not null && contact.Session is { } s0 && s0.SessionKey != message.SessionKey)
            contact.Session = null;

        // Until the contact chooses, what they write suggests their language — commands included, so that "توقف" is
        // confirmed in Arabic. A chosen (or earlier guessed) language is never overridden.
        contact.Language ??= LanguageGuess.Of(raw);

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
                else if (contact.Language is null) await StartFlowAsync(step, LanguageFlow, null);
                return;
            case "lang":
                await StartLanguageFlowAsync(step);
                return;
            case "menu":
                // The language flow goes on to the menu once the language is known.
                await StartFlowAsync(step, contact.Language is null ? LanguageFlow : MenuFlow, null);
                return;
        }

        var expired = contact.Session is { } s1 && s1.ExpiresAt <= step.Now;
        if (expired) contact.Session = null;

        foreach (var extension in _extensions)
        {
            if (!await extension.TryHandleAsync(step, normalized)) continue;
            // The question in progress, if any, stays pending: ask it again, as after HELP.
            if (CurrentQuestion(contact) is { } pending) Ask(step, pending.Flow, pending.Node);
            return;
        }

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
        var report = isNewContact && ReadsLikeReport(raw, normalized, contact, message) ? CollapseSpaces(raw) : null;
        if (contact.Language is null)
        {
            // Nothing sure to go on (a USSD dial, digits only, Darija in Latin letters): ask, holding a report until it is answered.
            await StartFlowAsync(step, LanguageFlow, null);
            if (report is not null && contact.Session is { } asking) asking.Vars[HeldReportVar] = report;
            return;
        }
        if (report is not null)
        {
            await StartReportAsync(step, report);
            return;
        }
        var firstUssdHop = message.Channel == ChannelKind.Ussd && normalized.Length == 0;
        if (isNewContact) SaySystem(step, "welcome");
        else if (!expired && !firstUssdHop) SaySystem(step, "unknown");
        await StartFlowAsync(step, MenuFlow, null);
    }

    /// <summary>Starts <paramref name="flowId"/> from its start node; <paramref name="prefill"/> answers its first question when it fits.</summary>
    public async Task StartFlowAsync(StepContext step, string flowId, string? prefill, IReadOnlyDictionary<string, string>? vars = null)
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
        if (vars is not null)
            foreach (var (name, value) in vars) contact.Session.Vars[name] = value;
        await FireAsync(step, flow, FlowMachine.Begin);
        if (prefill is not null) await PrefillAsync(step, prefill);
    }

    /// <summary>
    /// "AVIS 2", "PROJET 2": the number answers the flow's own question. When the contact must first say which commune
    /// (a new contact), it is held until that question is answered, so that "AVIS 2" means the same for everyone.
    /// </summary>
    private async Task PrefillAsync(StepContext step, string prefill)
    {
        if (CurrentQuestion(step.Contact) is not { } question) return;
        if (question.Node.Save == CommuneVar)
        {
            step.Contact.Session!.Vars[HeldAnswerVar] = prefill;
            return;
        }
        if (AnswerMatcher.Match(texts.Options(question.Node, step.Contact), prefill, loose: question.Node.FreeText is null) >= 0)
            await AnswerAsync(step, prefill, prefill, silentQuestion: true);
    }

    private const string CommuneVar = "commune";
    private const string HeldAnswerVar = "held_answer";

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
        var chosen = AnswerMatcher.Match(options, normalized.Length > 0 ? normalized : AnswerWords.SymbolAnswer(raw), loose: node.FreeText is null);
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
        // The last wrong answer gets the give-up apology alone, not "not understood" followed by "sorry".
        if (session.Retries <= node.Retries)
        {
            if (node.Invalid is { } invalid) Say(step, invalid, flow);
            else SaySystem(step, "invalid");
        }
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
                if (await ResumeAfterLanguageAsync(step, session)) return;
                await StartFlowAsync(step, nextFlow, session.Vars.GetValueOrDefault(HeldAnswerVar));
                return;
            }
            if (!flow.Nodes.TryGetValue(session.NodeId, out var node)) return;
            if (hooks.Skipped) trigger = FlowMachine.Skip;
            else if (node.Kind is NodeKind.Say or NodeKind.Action) trigger = FlowMachine.Next;
            else
            {
                // Waiting for an answer: a number held from "AVIS 2" answers the first question after the commune.
                if (session.Vars.Remove(HeldAnswerVar, out var held)) await PrefillAsync(step, held);
                return;
            }
        }
    }

    private sealed class Hooks(Dialog dialog, StepContext step, FlowDefinition flow) : FlowMachine.IHooks
    {
        public bool Skipped { get; set; }

        public Task EnterAsync(FlowNode node, bool reentry)
        {
            var contact = step.Contact;
            if (node.SkipIf is { } condition && dialog.Known(contact, node, condition) is { } known)
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

    private string? Known(ContactState contact, FlowNode node, string condition) => condition switch
    {
        "commune" => contact.Commune,
        "language" => contact.LanguageConfirmed ? contact.Language : null,
        // The node's answer is already there (a report's text kept from the first message).
        "saved" => node.Save is { } save ? contact.Session?.Vars.GetValueOrDefault(save) : null,
        // Already subscribed to the flow's topic (meeting alerts): the flow says so instead of asking again.
        "subscribed" => contact.Topics.Contains("meetings") ? "yes" : null,
        _ => null,
    };

    /// <summary>The flow a report is made in, and the question (and variable) its text is saved in.</summary>
    public const string ReportFlow = "feedback";
    private const string ReportTextVar = "details";

    // Kept in the language flow's variables while its question is answered.
    private const string HeldReportVar = "held_report";
    private const string ResumeFlowVar = "resume_flow";
    private const string ResumeNodeVar = "resume_node";
    private const string ResumeVarPrefix = "resume.";

    /// <summary>Words of free text before a first message reads like a report rather than a greeting or a slip.</summary>
    private const int ReportMinimumWords = 5;

    /// <summary>
    /// A first message of several words of free text, no keyword among them ("Il n'y a pas d'eau depuis 3 jours"): it is
    /// offered as the start of a report rather than lost behind the menu.
    /// </summary>
    private bool ReadsLikeReport(string raw, string normalized, ContactState contact, InboundMessage message)
    {
        if (message.Channel == ChannelKind.Ussd) return false;
        // It must be a text the report's question would take (a 5,000-character paste is not one).
        if (flows.Find(ReportFlow) is not { } flow || !flow.Nodes.TryGetValue(ReportTextVar, out var node) || node.FreeText is not { } rule
            || CollapseSpaces(raw).EnumerateRunes().Count() > rule.Max) return false;
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var content = AnswerWords.WithoutPoliteness(words);
        if (content.Count(w => w.Any(char.IsLetter)) < ReportMinimumWords) return false;
        return !words.Any(w => flows.MatchKeyword(w, contact, message) is not null);
    }

    private static string CollapseSpaces(string raw) => string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task StartReportAsync(StepContext step, string report)
    {
        if (step.Contact.CreatedAt == step.Now) SaySystem(step, "welcome");
        SaySystem(step, "report_offer");
        await StartFlowAsync(step, ReportFlow, null, new Dictionary<string, string>(StringComparer.Ordinal) { [ReportTextVar] = report });
    }

    /// <summary>LANG: the language question; a question in progress is kept and asked again, in the new language, once it is answered.</summary>
    private async Task StartLanguageFlowAsync(StepContext step)
    {
        var pending = CurrentQuestion(step.Contact) is { } question && question.Flow.Id != LanguageFlow ? step.Contact.Session : null;
        await StartFlowAsync(step, LanguageFlow, null);
        if (pending is null || step.Contact.Session is not { } asking) return;
        asking.Vars[ResumeFlowVar] = pending.FlowId;
        asking.Vars[ResumeNodeVar] = pending.NodeId;
        foreach (var (name, value) in pending.Vars) asking.Vars[ResumeVarPrefix + name] = value;
    }

    /// <summary>
    /// The language flow is done: a question it interrupted is asked again, or a report held while it asked goes on.
    /// False when there is neither (the flow goes on to its jump, the menu).
    /// </summary>
    private async Task<bool> ResumeAfterLanguageAsync(StepContext step, Session session)
    {
        if (session.FlowId != LanguageFlow) return false;
        if (session.Vars.TryGetValue(HeldReportVar, out var report))
        {
            await StartReportAsync(step, report);
            return true;
        }
        if (!session.Vars.TryGetValue(ResumeFlowVar, out var flowId) || flows.Find(flowId) is not { } flow
            || !session.Vars.TryGetValue(ResumeNodeVar, out var nodeId) || !flow.Nodes.TryGetValue(nodeId, out var node))
            return false;
        var resumed = new Session
        {
            FlowId = flow.Id,
            NodeId = node.Id,
            StartedAt = step.Now,
            LastActivityAt = step.Now,
            ExpiresAt = step.Now + flow.IdleTimeout,
            SessionKey = step.Message.SessionKey,
        };
        foreach (var (name, value) in session.Vars)
            if (name.StartsWith(ResumeVarPrefix, StringComparison.Ordinal)) resumed.Vars[name[ResumeVarPrefix.Length..]] = value;
        step.Contact.Session = resumed;
        Ask(step, flow, node);
        return true;
    }

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
