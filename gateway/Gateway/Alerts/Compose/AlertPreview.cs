using Gateway.Text;

namespace Gateway.Alerts.Compose;

/// <summary>What an alert will cost and reach, before it is sent.</summary>
/// <param name="Audience">Contacts in the audience index of (commune, topic).</param>
/// <param name="Recipients">Contacts that will get a message (not opted out, still subscribed, reachable).</param>
/// <param name="Skipped">Contacts of the index that will get nothing, by reason.</param>
/// <param name="Estimated">True when counts were extrapolated from the first <c>Alerts:PreviewExactLimit</c> contacts.</param>
/// <param name="EstimatedSegments">SMS segments of the alert (each SMS recipient × the segments of their language's text).</param>
/// <param name="WhatsAppMessages">WhatsApp messages (billed per conversation, not per segment).</param>
/// <param name="EstimatedSegmentsWithReminders">The same including every reminder.</param>
/// <param name="AudienceSegment">The profile segment the alert is limited to (its recipients are counted above; a segment
/// under <c>Profiles:SuppressionThreshold</c> is refused rather than previewed); absent for the whole audience.</param>
public sealed record AlertPreview(
    string Commune,
    string Topic,
    DateTimeOffset SendAt,
    long Audience,
    long Recipients,
    IReadOnlyDictionary<string, long> Skipped,
    bool Estimated,
    IReadOnlyList<LanguagePreview> Languages,
    long EstimatedSegments,
    long WhatsAppMessages,
    IReadOnlyList<ReminderPreview> Reminders,
    long EstimatedSegmentsWithReminders,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    Profiles.Segments.AudienceSegment? AudienceSegment = null);

/// <param name="Text">The text as it will be sent.</param>
/// <param name="Encoding">GSM-7 or UCS-2.</param>
/// <param name="NonGsmCharacters">The characters that forced UCS-2.</param>
/// <param name="Suggestions">GSM-safe replacements for some of them (Twilio's Smart Encoding).</param>
/// <param name="SmartEncoded">The text with the suggestions applied, when that makes it GSM-7.</param>
/// <param name="FrenchFolding">French only: the text folded to GSM-7 and the segments that saves (applied when foldFrenchAccents).</param>
/// <param name="Recipients">Recipients who get this language, per channel (sms, whatsapp).</param>
public sealed record LanguagePreview(
    string Language,
    string Text,
    int Characters,
    string Encoding,
    int Segments,
    IReadOnlyList<string> NonGsmCharacters,
    IReadOnlyList<CharacterReplacement> Suggestions,
    TextVariant? SmartEncoded,
    FoldingPreview? FrenchFolding,
    IReadOnlyDictionary<string, long> Recipients);

public sealed record TextVariant(string Text, string Encoding, int Segments);

/// <param name="Applied">True when the alert sends the folded text (foldFrenchAccents).</param>
public sealed record FoldingPreview(string Text, string Encoding, int Segments, int SegmentsSaved, bool Applied);

public sealed record ReminderPreview(DateTimeOffset At, IReadOnlyDictionary<string, int> Segments);

public static class SegmentNames
{
    public static string Name(this SmsEncoding encoding) => encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";
}
