namespace Gateway.Conversations.Flows;

/// <summary>A problem in one flow file, at one line.</summary>
public sealed record FlowProblem(string File, int Line, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Problem}";
}

/// <summary>
/// Thrown at start-up when flow files are invalid: the gateway refuses to start rather than run a broken conversation.
/// The message names every problem as <c>file:line: problem</c>.
/// </summary>
public sealed class FlowFileException(IReadOnlyList<FlowProblem> problems)
    : Exception("Invalid flow files:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<FlowProblem> Problems { get; } = problems;
}
