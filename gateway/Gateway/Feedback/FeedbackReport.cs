namespace Gateway.Feedback;

/// <summary>
/// One citizen report as the commune's desk keeps it: what was said, where it came from, and everything staff did with
/// it. Stored as one JSON document under its reference (see <see cref="IFeedbackStore"/>); created in the same atomic
/// commit as the conversation step that filed it. Settable properties: a stored document, like <c>ContactState</c>.
/// </summary>
public sealed class FeedbackReport
{
    /// <summary>Unique reference given to the citizen (<c>R-4F7K2</c>); the store refuses a second report with it.</summary>
    public string Reference { get; set; } = "";

    public string? Commune { get; set; }

    /// <summary>Option value of the feedback flow's category question (roads, water, …) or an Open311 service code.</summary>
    public string Category { get; set; } = "other";

    /// <summary><see cref="FeedbackKinds"/>: complaint, observation or suggestion (derived, see there).</summary>
    public string Kind { get; set; } = FeedbackKinds.Observation;

    /// <summary>The citizen's own words; emptied by the retention purge or the contact's erasure.</summary>
    public string Text { get; set; } = "";

    /// <summary>Neighbourhood or douar, when given; purged with the text.</summary>
    public string? Place { get; set; }

    /// <summary>sms, ussd, whatsapp, or the source of a report created over Open311 (e.g. <c>open311</c>).</summary>
    public string Channel { get; set; } = "";

    public string Language { get; set; } = "fr";

    /// <summary>Pseudonymous id of the contact who filed it; null for a report created over Open311.</summary>
    public string? ContactId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary><see cref="FeedbackStatuses"/>.</summary>
    public string Status { get; set; } = FeedbackStatuses.New;

    /// <summary>When the commune should have answered (received + <c>Feedback:AnswerWithin</c>, 60 days by default).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When it was last resolved or rejected; null while open. The retention period runs from here.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public string? Assignee { get; set; }

    /// <summary>Filed through the simulator (tests, demos): kept apart in lists and statistics when asked.</summary>
    public bool Simulated { get; set; }

    /// <summary>The citizen's answer to "is it really solved?" after the last resolution: true, false, or null (not asked or no answer).</summary>
    public bool? CitizenConfirmed { get; set; }

    /// <summary>True once the text and place were removed (retention or erasure).</summary>
    public bool Purged { get; set; }

    /// <summary>Staff notes, never sent to the citizen.</summary>
    public List<FeedbackNote> Notes { get; set; } = [];

    /// <summary>Every change, oldest first.</summary>
    public List<FeedbackChange> History { get; set; } = [];

    public bool IsOpen => FeedbackStatuses.IsOpen(Status);

    /// <summary>A new report as a citizen files it: status new, due <paramref name="answerWithin"/> later, kind derived.</summary>
    public static FeedbackReport Filed(string reference, string? contactId, string? commune, string category, string text, string? place,
        string channel, string language, DateTimeOffset now, TimeSpan answerWithin, bool simulated, string by = "citizen") => new()
    {
        Reference = reference,
        ContactId = contactId,
        Commune = commune,
        Category = category,
        Kind = FeedbackKinds.Derive(category, text),
        Text = text,
        Place = place,
        Channel = channel,
        Language = language,
        ReceivedAt = now,
        UpdatedAt = now,
        DueAt = now + answerWithin,
        Simulated = simulated,
        History = [new FeedbackChange(now, "filed", by, To: FeedbackStatuses.New)],
    };

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt <= now;
}

/// <param name="By">The admin key's name.</param>
public sealed record FeedbackNote(DateTimeOffset At, string By, string Text);

/// <summary>One entry of a report's history.</summary>
/// <param name="What">filed, status, assignee, note, citizen_answer, purged.</param>
/// <param name="By">The admin key's name, <c>citizen</c>, <c>system</c> or the bus command's requester.</param>
/// <param name="From">Previous value (status, assignee), when there was one.</param>
/// <param name="To">New value.</param>
/// <param name="Message">What the citizen was told with this change, per language.</param>
/// <param name="RequestId">The request that made the change (a NotifyFeedbackStatus command's id), so a redelivery changes nothing.</param>
public sealed record FeedbackChange(
    DateTimeOffset At,
    string What,
    string By,
    string? From = null,
    string? To = null,
    IReadOnlyDictionary<string, string>? Message = null,
    string? RequestId = null);
