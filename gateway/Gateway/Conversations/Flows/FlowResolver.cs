namespace Gateway.Conversations.Flows;

/// <summary>Finds flows by id or keyword across the YAML catalog and the generated sources.</summary>
public sealed class FlowResolver(FlowCatalog catalog, IEnumerable<IFlowSource> sources)
{
    private readonly IFlowSource[] _sources = sources.ToArray();

    public FlowDefinition? Find(string flowId)
    {
        if (catalog.Find(flowId) is { } flow) return flow;
        foreach (var source in _sources)
            if (source.Find(flowId) is { } generated) return generated;
        return null;
    }

    public FlowDefinition? MatchKeyword(string normalizedWord, ContactState contact, InboundMessage message)
    {
        if (catalog.MatchKeyword(normalizedWord) is { } flow) return flow;
        foreach (var source in _sources)
            if (source.MatchKeyword(normalizedWord, contact, message) is { } generated) return generated;
        return null;
    }
}
