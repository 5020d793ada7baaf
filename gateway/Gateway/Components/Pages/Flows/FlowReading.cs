using Gateway.Conversations.Flows;
using Gateway.Text;

namespace Gateway.Components.Pages.Flows;

/// <summary>
/// A flow as a clerk reads it: its steps numbered in the order a citizen meets them (from the start, following each
/// step's answers then its next step), so that "then step 3" can stand where the flow file says <c>next: details</c>.
/// Node ids stay in the file and in the developers' graph: a clerk sees numbers and texts.
/// </summary>
public sealed class FlowReading
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    public FlowReading(FlowDefinition flow)
    {
        Flow = flow;
        var order = new List<FlowNode>();
        var stack = new Stack<string>([flow.Start]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (_numbers.ContainsKey(id) || !flow.Nodes.TryGetValue(id, out var node)) continue;
            order.Add(node);
            _numbers[id] = order.Count;
            // Pushed in reverse: the first answer's branch is read first, the common next step after the branches.
            var following = node.Options.Select(o => o.Next).Append(node.Next).OfType<string>().Where(n => !IsOtherFlow(n)).Reverse();
            foreach (var next in following) stack.Push(next);
        }
        // A step no path reaches (an error the validator would have caught) is still shown, last.
        foreach (var node in flow.Nodes.Values.Where(n => !_numbers.ContainsKey(n.Id)).OrderBy(n => n.Line))
        {
            order.Add(node);
            _numbers[node.Id] = order.Count;
        }
        Steps = order;
    }

    public FlowDefinition Flow { get; }

    public IReadOnlyList<FlowNode> Steps { get; }

    /// <summary>The step number of a node id of this flow, or null for another flow (<c>@feedback</c>) or none.</summary>
    public int? NumberOf(string? id) => id is not null && _numbers.TryGetValue(id, out var n) ? n : null;

    /// <summary>True for a <c>next</c> that continues in another flow (<c>@subscribe</c>).</summary>
    public static bool IsOtherFlow(string next) => next.StartsWith('@');

    /// <summary>The flow's keywords grouped by the script they are written in (Latin, Arabic, Tifinagh), in the file's order.</summary>
    public IReadOnlyList<(Script Script, IReadOnlyList<string> Words)> KeywordsByScript() =>
        Flow.Keywords.GroupBy(ScriptDetector.Detect).OrderBy(g => g.Key).Select(g => (g.Key, (IReadOnlyList<string>)g.ToList())).ToList();
}
