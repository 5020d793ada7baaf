using Gateway.Conversations.Flows;
using Stateless;
using Stateless.Graph;

namespace Gateway.Conversations;

/// <summary>
/// Turns a compiled flow into a Stateless machine whose state lives outside it (the session's node id,
/// read and written through accessor/mutator), always driven with <c>FireAsync</c>. Stateless machines are not
/// thread-safe: steps borrow one at a time from <see cref="FlowMachinePool"/>.
/// </summary>
public static class FlowMachine
{
    public const string Begin = "begin";
    public const string Next = "next";
    public const string Skip = "skip";
    public const string Invalid = "invalid";

    /// <summary>Pseudo-states: node ids must start with a letter, so these never collide.</summary>
    public const string StartState = "_start";
    public const string GiveUpState = "_give_up";

    public static string OptionTrigger(string value) => "option:" + value;

    /// <summary>State name of a jump into another flow (<c>next: @feedback</c>).</summary>
    public static bool IsJump(string state, out string flowId)
    {
        flowId = state.StartsWith('@') ? state[1..] : "";
        return flowId.Length > 0;
    }

    /// <summary>What the machine calls back into: the dialog's node behaviour.</summary>
    public interface IHooks
    {
        Task EnterAsync(FlowNode node, bool reentry);
        Task GiveUpAsync();
        bool RetriesLeft(FlowNode node);
    }

    public static StateMachine<string, string> Build(FlowDefinition flow, Func<string> read, Action<string> write, IHooks hooks)
    {
        var machine = new StateMachine<string, string>(read, write);
        machine.Configure(StartState).Permit(Begin, flow.Start);
        machine.Configure(GiveUpState).OnEntryAsync(hooks.GiveUpAsync, "say sorry and end");

        foreach (var node in flow.Nodes.Values)
        {
            var state = machine.Configure(node.Id)
                .OnEntryAsync(t => hooks.EnterAsync(node, t.IsReentry), node.Kind.ToString().ToLowerInvariant());

            foreach (var option in node.Options.Where(o => o.Next is not null))
                Permit(state, node, OptionTrigger(option.Value), option.Next!);
            if (node.Next is not null) Permit(state, node, Next, node.Next);
            if (node.SkipIf is not null && node.Next is not null) Permit(state, node, Skip, node.Next);

            if (node.Kind is NodeKind.Ask or NodeKind.Menu)
            {
                var current = node;
                state.PermitReentryIf(Invalid, () => hooks.RetriesLeft(current), "retries left");
                state.PermitIf(Invalid, GiveUpState, () => !hooks.RetriesLeft(current), "no retries left");
            }
        }

        foreach (var jump in flow.Nodes.Values.SelectMany(FlowValidator.Targets).Select(t => t.Target).Where(t => t.StartsWith('@')).Distinct())
            machine.Configure(jump);
        return machine;
    }

    // A node may lead back to itself (a menu offering "again"): Stateless calls that re-entry.
    private static void Permit(StateMachine<string, string>.StateConfiguration state, FlowNode node, string trigger, string target)
    {
        if (target == node.Id) state.PermitReentry(trigger);
        else state.Permit(trigger, target);
    }

    /// <summary>The flow's graph as a Mermaid state diagram (for <c>GET /api/flows/{id}/graph</c>).</summary>
    public static string Mermaid(FlowDefinition flow)
    {
        var state = StartState;
        var machine = Build(flow, () => state, s => state = s, NoHooks.Instance);
        return MermaidGraph.Format(machine.GetInfo());
    }

    private sealed class NoHooks : IHooks
    {
        public static readonly NoHooks Instance = new();
        public Task EnterAsync(FlowNode node, bool reentry) => Task.CompletedTask;
        public Task GiveUpAsync() => Task.CompletedTask;
        public bool RetriesLeft(FlowNode node) => true;
    }
}
