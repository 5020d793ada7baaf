using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Gateway.Alerts.Sending;
using Gateway.Communes;
using Gateway.Conversations;
using Gateway.Text;

namespace Gateway.Alerts.Compose;

/// <summary>Validates a compose request (errors named by field, for a 400 ValidationProblem) and renders its texts and reminders.</summary>
public sealed partial class AlertComposer(CommuneRegistry communes, AlertCalendar calendar, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Profiles.ProfilesOptions> profiles)
{
    public const string DefaultTopic = "meetings";

    /// <summary>The values of <see cref="AlertRequest.QuietHours"/>.</summary>
    public const string HoldInQuietHours = "hold", SendInQuietHours = "send";
    private const int MaxTextLength = 1000;
    private const int MaxReminders = 5;

    public (ComposedAlert? Alert, Dictionary<string, string[]> Errors) Compose(AlertRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        var now = clock.GetUtcNow();
        var commune = communes.Find(request.Commune);
        if (string.IsNullOrWhiteSpace(request.Commune)) Error("commune", "The commune is required.");
        else if (commune is null) Error("commune", $"Unknown commune '{request.Commune}'.");

        var topic = string.IsNullOrWhiteSpace(request.Topic) ? DefaultTopic : request.Topic.Trim();
        if (!TopicPattern().IsMatch(topic)) Error("topic", "A topic is 1–40 lowercase letters, digits or dashes.");

        string? channel = null;
        if (!string.IsNullOrWhiteSpace(request.Channel))
        {
            channel = request.Channel.Trim().ToLowerInvariant();
            if (channel is not ("sms" or "whatsapp")) Error("channel", "The channel is sms, whatsapp or absent (each contact's last channel).");
        }

        var sendAt = request.SendAt ?? now;
        if (request.SendAt is { } at && at < now.AddMinutes(-1)) Error("sendAt", "sendAt is in the past.");

        var quietHours = string.IsNullOrWhiteSpace(request.QuietHours) ? HoldInQuietHours : request.QuietHours.Trim().ToLowerInvariant();
        if (quietHours is not (HoldInQuietHours or SendInQuietHours))
            Error("quietHours", $"quietHours is '{HoldInQuietHours}' (wait until quiet hours end, the default) or '{SendInQuietHours}' (urgent: send now).");

        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        DateTimeOffset? meetingStart = null;
        MeetingParts? meeting = null;
        if ((request.Texts is { Count: > 0 }) == (request.Meeting is not null))
            Error(request.Meeting is null ? "texts" : "meeting", "Give either texts (per language) or a meeting, not both nor neither.");
        else if (request.Texts is { } texts)
        {
            foreach (var (language, text) in texts)
            {
                if (!Languages.IsKnown(language)) Error($"texts.{language}", $"Unknown language '{language}' (fr, ar, zgh, zgh-Latn, …).");
                else if (string.IsNullOrWhiteSpace(text)) Error($"texts.{language}", "The text is empty.");
                else if (text.Length > MaxTextLength) Error($"texts.{language}", $"The text is longer than {MaxTextLength} characters.");
                else written[language] = text.Trim();
            }
        }
        else if (request.Meeting is { } m && commune is not null)
        {
            meeting = ParseMeeting(m, Error);
            if (meeting is { } parts)
            {
                meetingStart = calendar.At(parts.Date, parts.Time);
                if (meetingStart < now) Error("meeting.date", "The meeting is in the past.");
                foreach (var (language, place) in parts.Place)
                    written[language] = MeetingTemplate.Render(language, commune.Name.Texts.GetValueOrDefault(language) ?? commune.Name.Texts.GetValueOrDefault(Languages.French) ?? commune.Id,
                        parts.Date, parts.Time, place, parts.Agenda.GetValueOrDefault(language));
            }
        }

        var segment = request.Segment?.Normalized();
        foreach (var (field, messages) in segment?.Validate(profiles.Value.Bands()) ?? [])
            foreach (var message in messages) Error(field, message);

        var reminders = new List<ComposedReminder>();
        var reminderTimes = ParseReminders(request.Reminders, meeting, meetingStart, sendAt, Error);

        if (errors.Count > 0) return (null, errors);

        IReadOnlyDictionary<string, string> Final(IReadOnlyDictionary<string, string> source) => source.ToDictionary(
            kv => kv.Key, kv => request.FoldFrenchAccents && kv.Key == Languages.French ? GsmFolding.Fold(kv.Value) : kv.Value, StringComparer.Ordinal);

        foreach (var time in reminderTimes)
            reminders.Add(new ComposedReminder(time, Final(written.ToDictionary(kv => kv.Key, kv => MeetingTemplate.ReminderPrefix(kv.Key) + kv.Value, StringComparer.Ordinal))));

        return (new ComposedAlert(commune!.Id, topic, channel, sendAt, written, Final(written), request.FoldFrenchAccents, reminders, request.RequestId,
            quietHours == SendInQuietHours, segment), errors);
    }

    private sealed record MeetingParts(DateOnly Date, TimeOnly Time, Dictionary<string, string> Place, Dictionary<string, string> Agenda);

    private static MeetingParts? ParseMeeting(MeetingRequest m, Action<string, string> error)
    {
        var ok = true;
        if (!DateOnly.TryParseExact(m.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error("meeting.date", "The date is yyyy-MM-dd.");
            ok = false;
        }
        if (!TimeOnly.TryParseExact(m.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            error("meeting.time", "The time is HH:mm (24 h).");
            ok = false;
        }
        var place = new Dictionary<string, string>(StringComparer.Ordinal);
        if (m.Place is not { Count: > 0 }) { error("meeting.place", "The place is required, per language (e.g. {\"fr\": \"…\", \"ar\": \"…\"})."); ok = false; }
        else
            foreach (var (language, text) in m.Place)
            {
                if (!Languages.IsKnown(language)) { error($"meeting.place.{language}", $"Unknown language '{language}'."); ok = false; }
                else if (string.IsNullOrWhiteSpace(text)) { error($"meeting.place.{language}", "The place is empty."); ok = false; }
                else place[language] = text.Trim();
            }
        var agenda = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in m.Agenda ?? [])
        {
            if (!place.ContainsKey(language) && ok) { error($"meeting.agenda.{language}", "An agenda language needs a place in that language too."); ok = false; }
            else if (!string.IsNullOrWhiteSpace(text)) agenda[language] = text.Trim();
        }
        return ok ? new MeetingParts(date, time, place, agenda) : null;
    }

    private List<DateTimeOffset> ParseReminders(List<string>? specs, MeetingParts? meeting, DateTimeOffset? meetingStart, DateTimeOffset sendAt,
        Action<string, string> error)
    {
        var times = new List<DateTimeOffset>();
        if (specs is not { Count: > 0 }) return times;
        if (specs.Count > MaxReminders) error("reminders", $"At most {MaxReminders} reminders.");
        for (var i = 0; i < specs.Count && i < MaxReminders; i++)
        {
            var field = $"reminders[{i}]";
            var spec = specs[i]?.Trim() ?? "";
            DateTimeOffset at;
            if (spec.StartsWith('P'))
            {
                if (meetingStart is null) { error(field, "A reminder before the meeting (P1D, PT2H) needs a meeting."); continue; }
                TimeSpan before;
                try { before = XmlConvert.ToTimeSpan(spec); }
                catch (FormatException) { error(field, $"'{spec}' is not an ISO 8601 duration."); continue; }
                at = meetingStart.Value - before;
            }
            else if (spec.Equals("morning", StringComparison.OrdinalIgnoreCase))
            {
                if (meeting is null) { error(field, "'morning' (the morning of the meeting) needs a meeting."); continue; }
                at = calendar.At(meeting.Date, new TimeOnly(8, 30));
            }
            else if (!DateTimeOffset.TryParse(spec, CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
            {
                error(field, $"'{spec}' is neither a duration (P1D), 'morning' nor a date-time.");
                continue;
            }
            if (at <= sendAt) error(field, "The reminder would go before the alert itself.");
            else if (meetingStart is { } start && at >= start) error(field, "The reminder would go after the meeting started.");
            else times.Add(at);
        }
        return times;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex TopicPattern();
}
