namespace Gateway.Contracts;

/// <summary>
/// A report on the commune's feedback desk changed status (v1): staff through the desk API, a <c>NotifyFeedbackStatus</c>
/// command, or the citizen saying it is not really solved (which reopens it). Written to the outbox with the change.
/// </summary>
/// <param name="Reference">The report's reference, e.g. <c>R-4F7K2</c>.</param>
/// <param name="Commune">Commune id, or null.</param>
/// <param name="OldStatus">new, acknowledged, in_progress, resolved or rejected.</param>
/// <param name="NewStatus">Same values.</param>
/// <param name="ChangedBy">The admin key's name, <c>citizen</c>, or the command's origin (<c>bus</c>).</param>
/// <param name="ChangedAt">When.</param>
/// <param name="ContactId">Pseudonymous id of the contact who filed it; null for a report created over Open311.</param>
public sealed record FeedbackStatusChanged(
    string Reference,
    string? Commune,
    string OldStatus,
    string NewStatus,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string? ContactId)
{
    /// <summary>Contract version; bumped on breaking change (a new type name is used instead).</summary>
    public int Version { get; init; } = 1;
}
