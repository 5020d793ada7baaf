namespace Gateway.Alerts.Compose;

/// <summary>A validated compose request: what will be sent, per language, and when.</summary>
/// <param name="Written">Texts as written (before the optional French folding), per language.</param>
/// <param name="Texts">Texts as they will be sent.</param>
/// <param name="SendsInQuietHours">The author chose <c>quietHours: send</c> (urgent).</param>
/// <param name="Segment">Only the contacts whose profile is in it; null = the whole audience.</param>
public sealed record ComposedAlert(
    string Commune,
    string Topic,
    string? Channel,
    DateTimeOffset SendAt,
    IReadOnlyDictionary<string, string> Written,
    IReadOnlyDictionary<string, string> Texts,
    bool FoldFrenchAccents,
    IReadOnlyList<ComposedReminder> Reminders,
    string? RequestId,
    bool SendsInQuietHours = false,
    Profiles.Segments.AudienceSegment? Segment = null);

public sealed record ComposedReminder(DateTimeOffset At, IReadOnlyDictionary<string, string> Texts);
