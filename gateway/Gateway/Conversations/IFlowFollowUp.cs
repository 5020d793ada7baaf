namespace Gateway.Conversations;

/// <summary>
/// Decides whether a flow named by an end node's <c>then:</c> starts now, e.g. the profile after a first vote only for a
/// contact who was never asked (or whose skip is over). A flow without one always starts. Features register theirs.
/// </summary>
public interface IFlowFollowUp
{
    string FlowId { get; }

    /// <summary>True to go on with <see cref="FlowId"/> in this step, whose flow just ended.</summary>
    bool Wants(StepContext step);
}
