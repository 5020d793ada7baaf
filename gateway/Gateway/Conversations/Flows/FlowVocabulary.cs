namespace Gateway.Conversations.Flows;

/// <summary>
/// The names a flow file may use: the actions of <c>action</c> nodes (built-in, <see cref="FlowActionNames.BuiltIn"/>, and
/// every registered <see cref="IFlowAction"/>) and the sources of <c>options_from</c> (every registered
/// <see cref="IOptionSource"/>). A feature extends flows by registering; the gateway checks its flow files against
/// the registrations at start-up (<see cref="FlowVocabularyCheck"/>).
/// </summary>
public sealed class FlowVocabulary(IEnumerable<string> actions, IEnumerable<string> optionSources)
{
    public IReadOnlySet<string> Actions { get; } = new SortedSet<string>(actions, StringComparer.Ordinal);

    public IReadOnlySet<string> OptionSources { get; } = new SortedSet<string>(optionSources, StringComparer.Ordinal);

    /// <summary>What the core itself provides: the built-in actions and the communes.</summary>
    public static FlowVocabulary BuiltIn { get; } = new(FlowActionNames.BuiltIn, [CommuneOptions.SourceName]);

    /// <summary>The built-in actions and whatever is registered.</summary>
    public static FlowVocabulary Of(IEnumerable<IFlowAction> actions, IEnumerable<IOptionSource> sources) =>
        new(FlowActionNames.BuiltIn.Concat(actions.Select(a => a.Name)), sources.Select(s => s.Name));
}
