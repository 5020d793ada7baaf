namespace Gateway.Conversations.Flows;

/// <summary>The actions an <c>action</c> node may run (implemented by <see cref="Actions.FlowActions"/>).</summary>
public static class FlowActionNames
{
    public const string SetLanguage = "set_language";
    public const string SetCommune = "set_commune";
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string OptOut = "opt_out";
    public const string OptIn = "opt_in";
    public const string SubmitFeedback = "submit_feedback";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        SetLanguage, SetCommune, Subscribe, Unsubscribe, OptOut, OptIn, SubmitFeedback,
    };
}
