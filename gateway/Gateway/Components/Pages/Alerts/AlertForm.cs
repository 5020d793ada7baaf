using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.Conversations;

namespace Gateway.Components.Pages.Alerts;

/// <summary>The alert form as posted: a text per language, the channel, now or later.</summary>
public sealed class AlertForm
{
    /// <summary>Read from a posted form whose fields are named <c>Form.Property</c> (as the page's inputs are).</summary>
    public static AlertForm From(IFormCollection form) => new AlertForm
    {
        TextFr = form["Form.TextFr"].FirstOrDefault(),
        TextAr = form["Form.TextAr"].FirstOrDefault(),
        TextZgh = form["Form.TextZgh"].FirstOrDefault(),
        TextZghLatn = form["Form.TextZghLatn"].FirstOrDefault(),
        Channel = form["Form.Channel"].FirstOrDefault(),
        When = form["Form.When"].FirstOrDefault(),
        SendAt = form["Form.SendAt"].FirstOrDefault(),
        QuietHours = form["Form.QuietHours"].FirstOrDefault(),
        Topic = form["Form.Topic"].FirstOrDefault(),
    }.WithSegment(form);

    /// <summary>
    /// Reads the segment's checkboxes (<c>Form.Genders</c>, <c>Form.AgeBands</c>, <c>Form.Places</c>, one value per box
    /// ticked). Read from the raw form rather than bound: a box left unticked sends nothing, which binding cannot tell apart.
    /// </summary>
    public AlertForm WithSegment(IFormCollection form)
    {
        static List<string> Ticked(Microsoft.Extensions.Primitives.StringValues values) => [.. values.OfType<string>().Where(v => v.Length > 0)];
        Segment = new Profiles.Segments.AudienceSegment(Ticked(form["Form.Genders"]), Ticked(form["Form.AgeBands"]), Ticked(form["Form.Places"])).Normalized();
        return this;
    }

    /// <summary>Who among the subscribers gets it, by profile; null = all of them.</summary>
    public Profiles.Segments.AudienceSegment? Segment { get; private set; }

    public bool Ticked(string dimension, string value) => (dimension switch
    {
        "genders" => Segment?.Genders,
        "ageBands" => Segment?.AgeBands,
        _ => Segment?.Places,
    })?.Contains(value) == true;

    public string? TextFr { get; set; }
    public string? TextAr { get; set; }
    public string? TextZgh { get; set; }
    public string? TextZghLatn { get; set; }

    /// <summary>"" = each subscriber's last channel; sms; whatsapp.</summary>
    public string? Channel { get; set; }

    /// <summary>Whose subscribers receive it: the template's topic when the alert started from one, else meetings.</summary>
    public string? Topic { get; set; }

    /// <summary>"now" or "later".</summary>
    public string? When { get; set; }

    /// <summary>Local time (Africa/Casablanca) from &lt;input type="datetime-local"&gt;, when <see cref="When"/> is later.</summary>
    public string? SendAt { get; set; }

    /// <summary>In quiet hours: <c>hold</c> (the default: sending starts when they end) or <c>send</c> (urgent: now).</summary>
    public string? QuietHours { get; set; }

    public bool SendInQuietHours => QuietHours == AlertComposer.SendInQuietHours;

    public IEnumerable<(string Language, string Suffix, string? Text)> PerLanguage =>
    [
        (Languages.French, "Fr", TextFr),
        (Languages.Arabic, "Ar", TextAr),
        (Languages.Tifinagh, "Zgh", TextZgh),
        (Languages.AmazighLatin, "ZghLatn", TextZghLatn),
    ];

    public bool Later => When == "later";

    /// <summary>The instant asked for (now when sending now); null when "later" has no readable time.</summary>
    public DateTimeOffset? SendInstant(AlertCalendar calendar, DateTimeOffset now)
    {
        if (!Later) return now;
        return DateTime.TryParse(SendAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local)
            ? calendar.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))
            : null;
    }

    public AlertRequest ToRequest(string commune, DateTimeOffset? sendAt, string requestId) => new(
        commune,
        Texts: PerLanguage.Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToDictionary(p => p.Language, p => p.Text!),
        SendAt: Later ? sendAt : null,
        Topic: string.IsNullOrWhiteSpace(Topic) ? null : Topic,
        Channel: string.IsNullOrWhiteSpace(Channel) ? null : Channel,
        RequestId: requestId,
        QuietHours: SendInQuietHours ? AlertComposer.SendInQuietHours : null,
        Segment: Segment);
}
