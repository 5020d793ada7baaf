using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Webhooks;

/// <summary>Outbound webhook settings, bound from the <c>Webhooks</c> configuration section (all optional).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Subscriber URLs on loopback, private, link-local or carrier-grade NAT addresses are refused (request forgery: a
    /// partner must not make the gateway call its own network). Tests and a partner inside the same private network set
    /// <c>Webhooks:AllowPrivateNetworks</c> to true.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Wait before the first retry; each later retry waits twice as long, up to <see cref="MaxBackoff"/> (<c>Webhooks:FirstRetry</c>).</summary>
    [Duration("00:00:00.010", "1.00:00:00")]
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between two attempts of a delivery (<c>Webhooks:MaxBackoff</c>).</summary>
    [Duration("00:00:00.010", "7.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery still failing this long after its event stops its subscription (<c>Webhooks:GiveUpAfter</c>).</summary>
    [Duration("00:00:01", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A delivery failing this many times stops its subscription, whichever of this and <see cref="GiveUpAfter"/> comes first (<c>Webhooks:MaxAttempts</c>).</summary>
    [Range(1, 10_000)]
    public int MaxAttempts { get; set; } = 40;

    /// <summary>
    /// Failed attempts in a row to one subscriber after which a replica pauses it and sends one probe per pause instead of
    /// every due delivery (<c>Webhooks:BreakAfter</c>; see <see cref="WebhookBreaker"/>).
    /// </summary>
    [Range(1, 10_000)]
    public int BreakAfter { get; set; } = 5;

    /// <summary>Longest pause of a failing subscriber between two probes (<c>Webhooks:MaxPause</c>): its queue flows again within this once it recovers.</summary>
    [Duration("00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxPause { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One attempt waiting longer than this for the subscriber's answer fails (<c>Webhooks:Timeout</c>).</summary>
    [Duration("00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries sent at once by one replica, across all subscribers (<c>Webhooks:Concurrency</c>).</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 16;

    /// <summary>How often an idle dispatcher looks for deliveries that came due (<c>Webhooks:PollInterval</c>).</summary>
    [Duration("00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a finished delivery stays visible (console, replay) (<c>Webhooks:Retention</c>).</summary>
    [Duration("00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed ones.</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, FirstRetry.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30))));
}
