using Gateway.Conversations.Actions;
using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Conversations;

/// <summary>
/// Runs flows for one step: starts one, takes the answer to the question in progress, and keeps the flow moving through
/// say/action/skipped nodes and flow jumps (<c>next: @flow</c>, or the detour's <see cref="FlowContinuation"/>) until it
/// waits for an answer or ends. What entering a node does is <see cref="FlowNodeHooks"/>'s; which message reaches a flow
/// is the <see cref="Dialog"/>'s. Pure with respect to storage: it only changes the <see cref="StepContext"/>.
/// </summary>
public sealed class FlowRunner(FlowTexts texts, FlowActions actions, FlowResolver flows, IEnumerable<IFlowFollowUp> followUps)
{
    /// <summary>Flow hops per step (jumps between flows, say/action chains) before the step is cut short.</summary>
    private const int MaxHops = 64;

    private const string CommuneVar = "commune";
    private const string HeldAnswerVar = "held_answer";

    /// <summary>
    /// Marks a session started by an end node's <c>then:</c>: an offer, not a question the citizen asked for. Whatever else
    /// the citizen sends (a reference, the desk's yes/no) ends it rather than being followed by it again.
    /// </summary>
    public const string FollowUpVar = "follow_up";

    /// <summary>True when the contact's session is an offer made after another flow ended (<see cref="FollowUpVar"/>).</summary>
    public static bool IsFollowUp(Session? session) => session?.Vars.ContainsKey(FollowUpVar) == true;

    /// <summary>The question the contact is at (an ask or menu node of a flow that exists), or null.</summary>
    public (FlowDefinition Flow, FlowNode Node)? CurrentQuestion(ContactState contact)
    {
        if (contact.Session is not { } session || flows.Find(session.FlowId) is not { } flow) return null;
        if (!flow.Nodes.TryGetValue(session.NodeId, out var node) || node.Kind is not (NodeKind.Ask or NodeKind.Menu)) return null;
        return (flow, node);
    }

    /// <summary>Starts <paramref name="flowId"/> from its start node; <paramref name="prefill"/> answers its first question when it fits.</summary>
    public async Task StartFlowAsync(StepContext step, string flowId, string? prefill, IReadOnlyDictionary<string, string>? vars = null)
    {
        var flow = flows.Find(flowId) ?? throw new InvalidOperationException($"Flow '{flowId}' does not exist.");
        var contact = step.Contact;
        contact.Session = NewSession(step, flow, FlowMachine.StartState);
        if (vars is not null)
            foreach (var (name, value) in vars) contact.Session.Vars[name] = value;
        await FireAsync(step, flow, FlowMachine.Begin);
        if (prefill is not null) await PrefillAsync(step, prefill);
    }

    /// <summary>
    /// Goes on with <paramref name="then"/>: says its message, then asks its question again or starts its flow. False
    /// (nothing said) when its flow or question no longer exists.
    /// </summary>
    public async Task<bool> ContinueAsync(StepContext step, FlowContinuation then)
    {
        if (flows.Find(then.FlowId) is not { } flow) return false;
        if (then.NodeId is null)
        {
            if (then.Say is not null) texts.SaySystem(step, then.Say);
            await StartFlowAsync(step, flow.Id, null, then.Vars);
            return true;
        }
        if (!flow.Nodes.TryGetValue(then.NodeId, out var node)) return false;
        if (then.Say is not null) texts.SaySystem(step, then.Say);
        var resumed = NewSession(step, flow, node.Id);
        foreach (var (name, value) in then.Vars) resumed.Vars[name] = value;
        step.Contact.Session = resumed;
        texts.Ask(step, flow, node);
        return true;
    }

    /// <summary>
    /// The answer to the question in progress (<see cref="CurrentQuestion"/>): an option, free text, or an invalid answer
    /// (asked again, then the give-up apology). <paramref name="silentQuestion"/> drops what was said so far ("VOTE 2").
    /// </summary>
    public async Task AnswerAsync(StepContext step, string raw, string normalized, bool silentQuestion = false)
    {
        var contact = step.Contact;
        if (CurrentQuestion(contact) is not { } current) return;
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
            var text = InboundText.CollapseSpaces(raw);
            var length = text.EnumerateRunes().Count();
            var read = rule.Format is { } format && length >= Math.Max(1, rule.Min) && length <= rule.Max
                ? FreeTextFormats.Read(format, text, step.Now)
                : text;
            if (read is null)
            {
                // Long enough but not what the question asks (a year in the future, before 1900).
                session.Retries++;
                texts.SaySystem(step, FreeTextFormats.InvalidMessage(rule.Format!));
                await FireAsync(step, flow, FlowMachine.Invalid);
                return;
            }
            if (length >= Math.Max(1, rule.Min) && length <= rule.Max)
            {
                if (node.Save is not null) session.Vars[node.Save] = read;
                await FireAsync(step, flow, FlowMachine.Next);
                return;
            }
            session.Retries++;
            texts.SaySystem(step, length > rule.Max ? "too_long" : "too_short", ("max", rule.Max), ("min", rule.Min));
            await FireAsync(step, flow, FlowMachine.Invalid);
            return;
        }

        session.Retries++;
        // The last wrong answer gets the give-up apology alone, not "not understood" followed by "sorry".
        if (session.Retries <= node.Retries)
        {
            if (node.Invalid is { } invalid) texts.Say(step, invalid, flow);
            else texts.SaySystem(step, "invalid");
        }
        await FireAsync(step, flow, FlowMachine.Invalid);
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

    /// <summary>Fires a trigger, then keeps the flow moving through say/action/skipped nodes and flow jumps until it waits or ends.</summary>
    private async Task FireAsync(StepContext step, FlowDefinition flow, string trigger)
    {
        var contact = step.Contact;
        if (contact.Session is not { } session) return;
        // One pooled machine for the whole chain of hops in this flow (building one costs more than firing it).
        var hooks = new FlowNodeHooks(texts, actions, step, flow);
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

            if (contact.Session != session)
            {
                // The node ended the conversation (end, give up, opt-out); an end node may hand over to a follow-up.
                if (contact.Session is null && flow.Nodes.TryGetValue(session.NodeId, out var ended) && ended is { Kind: NodeKind.End, Then: { } then })
                    await FollowUpAsync(step, then);
                return;
            }
            if (FlowMachine.IsJump(session.NodeId, out var nextFlow))
            {
                // A detour hands over to where it was asked from, not to its own next flow.
                if (FlowContinuation.ReadFrom(session.Vars) is { } then && await ContinueAsync(step, then)) return;
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

    /// <summary>Starts <paramref name="flowId"/> after an end node (<c>then:</c>), if its follow-up wants it now (or it has none).</summary>
    private async Task FollowUpAsync(StepContext step, string flowId)
    {
        foreach (var followUp in followUps)
            if (followUp.FlowId == flowId && !followUp.Wants(step)) return;
        if (flows.Find(flowId) is null) return;
        await StartFlowAsync(step, flowId, null, new Dictionary<string, string>(StringComparer.Ordinal) { [FollowUpVar] = "1" });
    }

    private static Session NewSession(StepContext step, FlowDefinition flow, string nodeId) => new()
    {
        FlowId = flow.Id,
        NodeId = nodeId,
        StartedAt = step.Now,
        LastActivityAt = step.Now,
        ExpiresAt = step.Now + flow.IdleTimeout,
        SessionKey = step.Message.SessionKey,
    };
}
