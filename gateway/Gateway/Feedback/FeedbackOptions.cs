using Gateway.Settings;

namespace Gateway.Feedback;

/// <summary>Section <c>Feedback</c>.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Due date of a report after it is received (decree 2-17-265 gives administrations 60 days).</summary>
    [Duration("1.00:00:00", "365.00:00:00")]
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromDays(60);

    /// <summary>How long the citizen's text and place are kept once a report is closed (statistics stay).</summary>
    [Duration("1.00:00:00", "36500.00:00:00")]
    public TimeSpan RetainClosedFor { get; set; } = TimeSpan.FromDays(730);

    /// <summary>How often the retention purge looks for reports past their period.</summary>
    [Duration("00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
