using Gateway.OpenApi;

namespace Gateway.Alerts.Compose;

/// <summary>
/// Body of <c>POST /api/alerts</c> and <c>POST /api/alerts/preview</c>: either <see cref="Texts"/> (one text per language)
/// or <see cref="Meeting"/> (rendered per language).
/// </summary>
/// <param name="Topic">Audience: the commune's subscribers of this topic (default <c>meetings</c>).</param>
/// <param name="SendAt">Start time; null = now. Quiet hours still hold it.</param>
/// <param name="Channel">sms or whatsapp to prefer; null = each contact's last channel.</param>
/// <param name="FoldFrenchAccents">Opt-in: send French folded to GSM-7 (ê→e, ç→c, œ→oe, typographic quotes and dashes replaced).</param>
/// <param name="Reminders">ISO 8601 durations before the meeting (<c>P1D</c>, <c>PT2H</c>), <c>morning</c> (08:30 on the meeting day) or absolute times.</param>
/// <param name="RequestId">Idempotency: the same id (per commune) never creates two alerts.</param>
/// <param name="QuietHours">What quiet hours do to this alert: <c>hold</c> (default: sending waits until they end, 08:00 by default)
/// or <c>send</c> (urgent: sends now even in quiet hours; staff and programme keys only, recorded in the audit log). Reminders are always held.</param>
/// <param name="Segment">Only the subscribers whose profile is in it: <c>{"genders": ["woman"], "ageBands": ["18-24"], "places": []}</c>
/// (an empty list takes everyone). A segment of fewer than <c>Profiles:SuppressionThreshold</c> recipients is refused.</param>
[OpenApiShape("commune", Example = """
    {
      "commune": "agadir",
      "texts": {
        "fr": "Coupure d'eau demain de 9h à 13h, quartier Dakhla.",
        "ar": "انقطاع الماء غدا من 9 صباحا إلى 1 ظهرا، حي الداخلة."
      },
      "topic": "water",
      "sendAt": "2026-12-08T08:30:00+01:00"
    }
    """)]
public sealed record AlertRequest(
    string? Commune,
    Dictionary<string, string>? Texts = null,
    MeetingRequest? Meeting = null,
    string? Topic = null,
    DateTimeOffset? SendAt = null,
    string? Channel = null,
    bool FoldFrenchAccents = false,
    List<string>? Reminders = null,
    string? RequestId = null,
    string? QuietHours = null,
    Profiles.Segments.AudienceSegment? Segment = null);

/// <param name="Date">yyyy-MM-dd, local (Africa/Casablanca).</param>
/// <param name="Time">HH:mm, local.</param>
/// <param name="Place">The place, per language: the notice is rendered in each language given here.</param>
/// <param name="Agenda">The agenda, per language (optional).</param>
public sealed record MeetingRequest(string? Date, string? Time, Dictionary<string, string>? Place, Dictionary<string, string>? Agenda = null);
