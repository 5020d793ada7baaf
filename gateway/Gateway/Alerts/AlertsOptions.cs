using System.ComponentModel.DataAnnotations;
using Gateway.Settings;

namespace Gateway.Alerts;

/// <summary>Alert settings, bound from the <c>Alerts</c> configuration section (all optional).</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// Segments per second per provider sender (<c>Alerts:RateLimits:twilio = 10</c>); a provider not listed is not paced.
    /// One limit per (provider, our sender number), shared by every replica through Redis.
    /// </summary>
    [EachBetween(0.001, 100_000)]
    public Dictionary<string, double> RateLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Fraction of the configured rate actually used (<c>Alerts:RateLimitHeadroom</c>, default 0.9): the grant happens
    /// a few milliseconds before the provider receives the message, and that jitter must never push a second over the limit.
    /// </summary>
    [Range(0.01, 1.0)]
    public double RateLimitHeadroom { get; set; } = 0.9;

    /// <summary>Default quiet hours (<c>Alerts:QuietHours:Start/End</c>, local time of <see cref="TimeZone"/>): sending is held until the end.</summary>
    public QuietHoursOptions QuietHours { get; set; } = new();

    /// <summary>Per-commune quiet hours (<c>Alerts:CommuneQuietHours:&lt;commune&gt;:Start/End</c>).</summary>
    public Dictionary<string, QuietHoursOptions> CommuneQuietHours { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>IANA time zone of quiet hours, daily caps and meeting dates (<c>Alerts:TimeZone</c>).</summary>
    [TimeZoneId]
    public string TimeZone { get; set; } = "Africa/Casablanca";

    /// <summary>At most this many alerts (reminders included) per contact per local day (<c>Alerts:DailyCap</c>); 0 = no cap.</summary>
    [Range(0, 100)]
    public int DailyCap { get; set; } = 3;

    /// <summary>Contact ids per <c>SendAlertBatch</c> message (<c>Alerts:BatchSize</c>).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Sends in flight per batch consumer (<c>Alerts:SendParallelism</c>).</summary>
    [Range(1, 1_000)]
    public int SendParallelism { get; set; } = 16;

    /// <summary>Batches consumed at once per replica (<c>Alerts:BatchConcurrency</c>).</summary>
    [Range(1, 256)]
    public int BatchConcurrency { get; set; } = 4;

    /// <summary>
    /// Batches an alert's dispatch publishes ahead of the batches done (<c>Alerts:DispatchWindow</c>): the recipients held in
    /// memory and on the bus at once are about this times <see cref="BatchSize"/>. Keep it above the replicas' total
    /// <see cref="BatchConcurrency"/> so no consumer waits.
    /// </summary>
    public int DispatchWindow { get; set; } = 32;

    /// <summary>A full window whose batches done have not moved for this long lets one more batch go (<c>Alerts:DispatchStall</c>).</summary>
    public TimeSpan DispatchStall { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per message before it counts as failed (<c>Alerts:SendAttempts</c>); waits double from <see cref="RetryDelay"/>.</summary>
    [Range(1, 20)]
    public int SendAttempts { get; set; } = 3;

    [Duration("00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the scheduler looks for due alerts, in real time (<c>Alerts:SchedulerInterval</c>); due times follow the gateway clock.</summary>
    [Duration("00:00:00.010", "00:10:00")]
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Dispatch lease: a replica that dies mid-dispatch is replaced after this (<c>Alerts:LeaseDuration</c>).</summary>
    [Duration("00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Preview reads at most this many contact states and extrapolates beyond (<c>Alerts:PreviewExactLimit</c>).</summary>
    [Range(0, 10_000_000)]
    public int PreviewExactLimit { get; set; } = 20_000;

    /// <summary>
    /// Legacy: provider per channel for contacts not reachable through the provider they last wrote to (USSD contacts, a
    /// channel they never used), e.g. <c>Alerts:Providers:sms = twilio</c>. The outbound router reads it after
    /// <c>Gateway:DefaultProviders</c>, for every message the gateway originates. Without any, such contacts are skipped
    /// (reason <c>no_channel</c>) outside Development and Testing.
    /// </summary>
    public Dictionary<string, string> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Provider message id → alert mapping lifetime, for late delivery reports (<c>Alerts:MessageMappingTtl</c>).</summary>
    [Duration("00:01:00", "365.00:00:00")]
    public TimeSpan MessageMappingTtl { get; set; } = TimeSpan.FromDays(7);

    public QuietHoursOptions QuietHoursFor(string commune) => CommuneQuietHours.GetValueOrDefault(commune) ?? QuietHours;
}

/// <summary>Local times; Start &gt; End means the quiet period spans midnight (the default 21:00–08:00).</summary>
public sealed class QuietHoursOptions
{
    /// <summary><c>Alerts:QuietHours:Enabled</c> (default true): false turns quiet hours off (for a commune, under <c>CommuneQuietHours</c>).</summary>
    public bool Enabled { get; set; } = true;

    public TimeOnly Start { get; set; } = new(21, 0);
    public TimeOnly End { get; set; } = new(8, 0);

    /// <summary>Whether quiet hours hold anything: switched on, and Start ≠ End (Start = End is an empty period).</summary>
    public bool Active => Enabled && Start != End;
}
