namespace Gateway.Components.Pages.Flows;

/// <summary>
/// A flow's graph laid out for a server-drawn SVG, from the Mermaid state diagram the flows API exports
/// (<c>GET /api/flows/{id}/graph</c>): states in layers by their distance from the start, transitions as arrows.
/// Mermaid's own renderer is a few megabytes of JavaScript; a layered drawing is enough to read a flow.
/// </summary>
public sealed record FlowGraph(IReadOnlyList<FlowGraph.Node> Nodes, IReadOnlyList<FlowGraph.Edge> Edges, double Width, double Height)
{
    public sealed record Node(string Id, double X, double Y, bool Loops);
    public sealed record Edge(string From, string To, string Label);

    public const double BoxWidth = 150, BoxHeight = 34, LayerGap = 80, Gap = 24, Margin = 16;

    public static FlowGraph FromMermaid(string mermaid)
    {
        var edges = new List<Edge>();
        foreach (var raw in mermaid.Split('\n'))
        {
            var line = raw.Trim();
            var arrow = line.IndexOf("-->", StringComparison.Ordinal);
            if (arrow < 0) continue;
            var from = line[..arrow].Trim();
            var rest = line[(arrow + 3)..];
            var colon = rest.IndexOf(':');
            var to = (colon < 0 ? rest : rest[..colon]).Trim();
            var label = colon < 0 ? "" : rest[(colon + 1)..].Trim();
            if (from == "[*]") continue; // Mermaid's start marker: the layout starts at the first state anyway
            edges.Add(new Edge(from, to, label));
        }

        var ids = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var start in ids.Take(1)) { depth[start] = 0; queue.Enqueue(start); }
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var e in edges.Where(e => e.From == id && !depth.ContainsKey(e.To)))
            {
                depth[e.To] = depth[id] + 1;
                queue.Enqueue(e.To);
            }
        }
        var deepest = depth.Count == 0 ? 0 : depth.Values.Max();
        foreach (var id in ids.Where(i => !depth.ContainsKey(i))) depth[id] = deepest + 1;

        var layers = ids.GroupBy(i => depth[i]).OrderBy(g => g.Key).ToList();
        var widest = layers.Count == 0 ? 1 : layers.Max(l => l.Count());
        var width = Margin * 2 + widest * BoxWidth + (widest - 1) * Gap;
        var nodes = new List<Node>();
        foreach (var layer in layers)
        {
            var members = layer.ToList();
            var rowWidth = members.Count * BoxWidth + (members.Count - 1) * Gap;
            for (var i = 0; i < members.Count; i++)
                nodes.Add(new Node(members[i], (width - rowWidth) / 2 + i * (BoxWidth + Gap), Margin + layer.Key * (BoxHeight + LayerGap),
                    edges.Any(e => e.From == members[i] && e.To == members[i])));
        }
        var height = Margin * 2 + (layers.Count == 0 ? 0 : layers[^1].Key + 1) * (BoxHeight + LayerGap) - LayerGap;
        return new FlowGraph(nodes, edges.Where(e => e.From != e.To).ToList(), width, height);
    }
}
