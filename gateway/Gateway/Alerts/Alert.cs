namespace Gateway.Alerts;

/// <summary>
/// What an alert sends, fixed at compose time (texts already rendered per language, French folded when asked).
/// Reminders are alerts too, with <see cref="ParentId"/> set: they are scheduled with the parent and need no second compose.
/// </summary>
/// <param name="Texts">Final text per language (fr, ar, zgh, zgh-Latn).</param>
/// <param name="Channel">Preferred channel (sms, whatsapp) or null for each contact's last channel.</param>
/// <param name="SendAt">When sending starts (quiet hours may hold it further).</param>
/// <param name="SendsInQuietHours">Urgent: its author chose to send even in quiet hours (never true for a reminder).</param>
/// <param name="Segment">Only the audience's contacts whose profile is in it (issue 24); null = the whole audience. Reminders keep their alert's.</param>
public sealed record AlertDefinition(
    string Id,
    string Commune,
    string Topic,
    IReadOnlyDictionary<string, string> Texts,
    string? Channel,
    DateTimeOffset SendAt,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string? ParentId,
    IReadOnlyList<string> ReminderIds,
    string? RequestId,
    bool SendsInQuietHours = false,
    Profiles.Segments.AudienceSegment? Segment = null);

public static class AlertStatus
{
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Paused = "paused";
    public const string Done = "done";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Done or Cancelled;
}

/// <summary>The live counters of an alert. <c>Sent</c> = accepted by the provider and not yet reported final; a delivery report moves one to <c>Delivered</c> or <c>Failed</c>.
/// <c>Unconfirmed</c>: sends the provider never answered (not repeated, so as never to reach anyone twice).</summary>
public sealed record AlertCounts(long Targeted, long Sent, long Delivered, long Failed, long Skipped, IReadOnlyDictionary<string, long> SkippedBy, long Unconfirmed = 0)
{
    public static AlertCounts From(IReadOnlyDictionary<string, long> fields) => new(
        fields.GetValueOrDefault(AlertCounters.Targeted),
        fields.GetValueOrDefault(AlertCounters.Sent),
        fields.GetValueOrDefault(AlertCounters.Delivered),
        fields.GetValueOrDefault(AlertCounters.Failed),
        fields.GetValueOrDefault(AlertCounters.Skipped),
        fields.Where(f => f.Key.StartsWith(AlertCounters.SkippedPrefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[AlertCounters.SkippedPrefix.Length..], f => f.Value, StringComparer.Ordinal),
        fields.GetValueOrDefault(AlertCounters.Unconfirmed))
    {
        SentByCell = fields.Where(f => f.Key.StartsWith(AlertCounters.CellPrefix, StringComparison.Ordinal) && f.Key.EndsWith(AlertCounters.SentSuffix, StringComparison.Ordinal))
            .GroupBy(f => Profiles.ProfileCell.Parse(f.Key[AlertCounters.CellPrefix.Length..^AlertCounters.SentSuffix.Length]))
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Value)),
        SegmentTooSmallAtSend = fields.GetValueOrDefault(AlertCounters.CancelledSegmentTooSmall) > 0,
    };

    /// <summary>The alert was cancelled at its send time because its segment had fallen under the threshold (<c>AlertView.CancelledBecause</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SegmentTooSmallAtSend { get; init; }

    /// <summary>Sent per profile cell: the raw counts a reach breakdown suppresses. Never serialized: one cell may be one person.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<Profiles.ProfileCell, long> SentByCell { get; init; } = new Dictionary<Profiles.ProfileCell, long>();
}

public static class AlertCounters
{
    public const string Targeted = "targeted";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    /// <summary>Sent, but the provider never answered: it may have gone out, so it is not sent again.</summary>
    public const string Unconfirmed = "unconfirmed";
    public const string Skipped = "skipped";
    public const string SkippedPrefix = "skipped:";

    /// <summary>Set when the alert was cancelled at its send time because its segment had fallen under the threshold.</summary>
    public const string CancelledSegmentTooSmall = "cancelled:segment_too_small";

    /// <summary>Messages sent to contacts of one profile cell: <c>cell:&lt;g|a|p&gt;:sent</c> (never shown raw: read through suppression).</summary>
    public const string CellPrefix = "cell:", SentSuffix = ":sent";

    public static string SentIn(Profiles.ProfileCell cell) => CellPrefix + cell + SentSuffix;
}

/// <summary>The mutable side of an alert: status and dispatch progress.</summary>
/// <param name="Cursor">Audience scan cursor to resume dispatch from ("0" = start).</param>
/// <param name="Batches">Batches published so far.</param>
/// <param name="Dispatched">True once the whole audience was cut into batches.</param>
/// <param name="BatchesDone">Distinct batches fully processed.</param>
/// <param name="HeldUntil">When quiet hours hold the alert, the instant sending resumes.</param>
/// <param name="CompletionPublished">AlertCompleted is on the bus.</param>
public sealed record AlertProgress(
    string Status,
    string Cursor,
    long Batches,
    bool Dispatched,
    long BatchesDone,
    DateTimeOffset? HeldUntil,
    DateTimeOffset? CompletedAt,
    bool CompletionPublished = false);
