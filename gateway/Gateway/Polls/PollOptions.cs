using Gateway.Settings;

namespace Gateway.Polls;

/// <summary>Poll settings, bound from the <c>Polls</c> configuration section (all optional).</summary>
public sealed class PollOptions
{
    public const string Section = "Polls";

    /// <summary>How often each replica refreshes its poll directory and looks for polls to close (<c>Polls:SchedulerInterval</c>).</summary>
    [Duration("00:00:00.010", "00:10:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Wait after a poll's close before reading its final tallies (<c>Polls:CloseSettle</c>): longer than one directory
    /// refresh, so that every replica has stopped taking votes and any step in flight at the close has committed.
    /// </summary>
    [Duration("00:00:00", "01:00:00")]
    public TimeSpan CloseSettle { get; set; } = TimeSpan.FromSeconds(5);
}
