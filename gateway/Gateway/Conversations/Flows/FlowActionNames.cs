namespace Gateway.Conversations.Flows;

/// <summary>
/// The built-in actions an <c>action</c> node may run (implemented by <see cref="Actions.FlowActions"/>); features add
/// theirs by registering an <see cref="IFlowAction"/> (e.g. Feedback's <c>submit_feedback</c>, Polls' <c>record_vote</c>).
/// </summary>
public static class FlowActionNames
{
    public const string SetLanguage = "set_language";
    public const string SetCommune = "set_commune";
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string OptOut = "opt_out";
    public const string OptIn = "opt_in";

    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>(StringComparer.Ordinal)
    {
        SetLanguage, SetCommune, Subscribe, Unsubscribe, OptOut, OptIn,
    };
}
