using Gateway.Settings;

namespace Gateway.Polls;

/// <summary>Poll settings, bound from the <c>Polls</c> configuration section (all optional).</summary>
public sealed class PollOptions
{
    public const string Section = "Polls";

    /// <summary>
    /// How often each replica looks for polls to close, refreshing its poll directory first (<c>Polls:SchedulerInterval</c>).
    /// Votes do not wait for it: the directory checks the store's version before every step.
    /// </summary>
    [Duration("00:00:00.010", "1.00:00:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Wait after a poll's close before reading its final tallies (<c>Polls:CloseSettle</c>), so that any step in flight
    /// at the close (decided just before it, on any replica) has committed.
    /// </summary>
    [Duration("00:00:00", "01:00:00")]
    public TimeSpan CloseSettle { get; set; } = TimeSpan.FromSeconds(5);
}
