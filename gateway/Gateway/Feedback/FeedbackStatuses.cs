namespace Gateway.Feedback;

/// <summary>A report's statuses. Any status may follow any other (a resolved or rejected report can be reopened).</summary>
public static class FeedbackStatuses
{
    public const string New = "new";
    public const string Acknowledged = "acknowledged";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [New, Acknowledged, InProgress, Resolved, Rejected];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    public static bool IsOpen(string status) => status is not (Resolved or Rejected);

    /// <summary>
    /// The desk status of a <c>NotifyFeedbackStatus</c> command's status (received, in_progress, resolved, rejected);
    /// the command's "received" is the desk's "acknowledged".
    /// </summary>
    public static string? FromCommand(string status) => status switch
    {
        "received" or Acknowledged => Acknowledged,
        InProgress or Resolved or Rejected => status,
        _ => null,
    };

    /// <summary>The system text telling the citizen about <paramref name="status"/> (flows/_system.yaml).</summary>
    public static string SystemMessage(string status) => status switch
    {
        New or Acknowledged => "feedback_status_received",
        _ => "feedback_status_" + status,
    };
}
