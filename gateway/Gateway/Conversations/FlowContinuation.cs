namespace Gateway.Conversations;

/// <summary>
/// Where a conversation goes once a detour (the language question) hands over: instead of the detour flow's own
/// <c>next: @flow</c>, the <see cref="FlowRunner"/> goes on with this. Either a question asked again where it was left
/// (<see cref="NodeId"/>, with the variables it had), or a flow started afresh with <see cref="Vars"/> (a report held
/// while the language was asked), in both cases after an optional system message (<see cref="Say"/>).
/// <para>Kept in the detour's session variables (the session is stored between steps), under <c>resume_*</c> names.</para>
/// </summary>
public sealed record FlowContinuation(string FlowId, string? NodeId, string? Say, IReadOnlyDictionary<string, string> Vars)
{
    private const string FlowVar = "resume_flow";
    private const string NodeVar = "resume_node";
    private const string SayVar = "resume_say";
    private const string VarPrefix = "resume.";

    /// <summary>The question <paramref name="session"/> is at, to be asked again with its variables.</summary>
    public static FlowContinuation Resume(Session session) => new(session.FlowId, session.NodeId, null, session.Vars);

    public void WriteTo(Dictionary<string, string> vars)
    {
        vars[FlowVar] = FlowId;
        if (NodeId is not null) vars[NodeVar] = NodeId;
        if (Say is not null) vars[SayVar] = Say;
        foreach (var (name, value) in Vars) vars[VarPrefix + name] = value;
    }

    public static FlowContinuation? ReadFrom(IReadOnlyDictionary<string, string> vars)
    {
        if (!vars.TryGetValue(FlowVar, out var flowId)) return null;
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in vars)
            if (name.StartsWith(VarPrefix, StringComparison.Ordinal)) kept[name[VarPrefix.Length..]] = value;
        return new(flowId, vars.GetValueOrDefault(NodeVar), vars.GetValueOrDefault(SayVar), kept);
    }
}
