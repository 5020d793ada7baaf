namespace Gateway.Bus;

/// <summary>Relay and backlog settings, bound from the <c>Outbox</c> configuration section (all optional).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Entries read and published per round (<c>Outbox:BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often an idle relay looks for events nobody nudged it about (<c>Outbox:PollInterval</c>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest pause between retries while the broker is down (<c>Outbox:MaxBackoff</c>): publishing resumes at most this
    /// long after the broker is back, and a retry while it is down costs one refused connection.
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>One publish waiting longer than this for the broker's confirm counts as failed (<c>Outbox:PublishTimeout</c>).</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Readiness turns Degraded when more events than this wait (<c>Outbox:DegradedBacklog</c>).</summary>
    public long DegradedBacklog { get; set; } = 10_000;
}
