namespace Gateway.Conversations.Flows;

/// <summary>
/// Flows that are not files: generated at run time from data (a poll is a flow generated from its definition).
/// The engine asks the YAML catalog first, then every source, so generated flows run through the same engine.
/// </summary>
public interface IFlowSource
{
    /// <summary>The flow with this id, if this source owns it.</summary>
    FlowDefinition? Find(string flowId);

    /// <summary>The flow a normalised first word starts for this contact (e.g. an open poll of the commune they wrote to).</summary>
    FlowDefinition? MatchKeyword(string normalizedWord, ContactState contact, InboundMessage message);
}

/// <summary>
/// An action flows may use beyond the built-in ones (e.g. <c>record_vote</c>, <c>submit_feedback</c>): a feature registers
/// it, and flow files and generated flows name it in <c>action</c> nodes (<see cref="FlowVocabulary"/>).
/// </summary>
public interface IFlowAction
{
    string Name { get; }

    void Run(FlowNode node, StepContext step);
}
