using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gateway.Conversations.Flows;
using Stateless;

namespace Gateway.Conversations;

/// <summary>
/// Reusable Stateless machines, per flow definition. Configuring a machine costs several times more than firing it (and
/// allocates ~15 KB), so each is built once and lent to one step at a time, bound to that step's session and hooks.
/// Keyed weakly by the definition: a reloaded flow or a closed poll's generated flow takes its machines with it.
/// </summary>
public static class FlowMachinePool
{
    private static readonly ConditionalWeakTable<FlowDefinition, ConcurrentBag<PooledMachine>> Pools = new();

    /// <summary>A machine bound to <paramref name="session"/> and <paramref name="hooks"/> until the lease is disposed.</summary>
    public static Lease Rent(FlowDefinition flow, Session session, FlowMachine.IHooks hooks)
    {
        var pool = Pools.GetValue(flow, static _ => []);
        var machine = pool.TryTake(out var pooled) ? pooled : new PooledMachine(flow);
        machine.Bind(session, hooks);
        return new Lease(pool, machine);
    }

    /// <summary>Returns the machine on <see cref="Dispose"/>, unless the step failed mid-fire (<see cref="Discard"/>): a machine in an unknown state is dropped.</summary>
    public readonly struct Lease(ConcurrentBag<PooledMachine> pool, PooledMachine machine) : IDisposable
    {
        public StateMachine<string, string> Machine => machine.Machine;

        public void Discard() => machine.Discarded = true;

        public void Dispose()
        {
            machine.Unbind();
            if (!machine.Discarded) pool.Add(machine);
        }
    }

    /// <summary>One configured machine whose state and callbacks go to whatever session and hooks it is bound to.</summary>
    public sealed class PooledMachine : FlowMachine.IHooks
    {
        private Session? _session;
        private FlowMachine.IHooks? _hooks;

        // Stateless reads the state once while constructing, before any session is bound: it sees the start state.
        internal PooledMachine(FlowDefinition flow) =>
            Machine = FlowMachine.Build(flow, () => _session?.NodeId ?? FlowMachine.StartState, s => Bound.NodeId = s, this);

        public StateMachine<string, string> Machine { get; }

        internal bool Discarded { get; set; }

        private Session Bound => _session ?? throw new InvalidOperationException("A pooled flow machine was used without a session.");

        private FlowMachine.IHooks Hooks => _hooks ?? throw new InvalidOperationException("A pooled flow machine was used without hooks.");

        internal void Bind(Session session, FlowMachine.IHooks hooks) => (_session, _hooks) = (session, hooks);

        internal void Unbind() => (_session, _hooks) = (null, null);

        Task FlowMachine.IHooks.EnterAsync(FlowNode node, bool reentry) => Hooks.EnterAsync(node, reentry);

        Task FlowMachine.IHooks.GiveUpAsync() => Hooks.GiveUpAsync();

        bool FlowMachine.IHooks.RetriesLeft(FlowNode node) => Hooks.RetriesLeft(node);
    }
}
