namespace Gateway.Feedback;

/// <summary>A report as the staff API shows it (the stored record plus what is computed: overdue).</summary>
public sealed record FeedbackView(
    string Reference,
    string? Commune,
    string Category,
    string Kind,
    string Text,
    string? Place,
    string Channel,
    string Language,
    string? ContactId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    string Status,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? ClosedAt,
    string? Assignee,
    bool Simulated,
    bool? CitizenConfirmed,
    bool Purged,
    IReadOnlyList<FeedbackNote> Notes,
    IReadOnlyList<FeedbackChange> History)
{
    public static FeedbackView Of(FeedbackReport r, DateTimeOffset now) => new(
        r.Reference, r.Commune, r.Category, r.Kind, r.Text, r.Place, r.Channel, r.Language, r.ContactId, r.ReceivedAt, r.UpdatedAt,
        r.Status, r.DueAt, r.IsOverdue(now), r.ClosedAt, r.Assignee, r.Simulated, r.CitizenConfirmed, r.Purged, r.Notes, r.History);
}

/// <param name="Next">Pass as <c>cursor</c> for the next page; null at the end.</param>
public sealed record FeedbackListView(IReadOnlyList<FeedbackView> Items, string? Next);
