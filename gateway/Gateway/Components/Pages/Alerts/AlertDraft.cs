using Gateway.Alerts.Compose;
using Gateway.Alerts.Sending;
using Gateway.Components.Console;
using Gateway.Text;

namespace Gateway.Components.Pages.Alerts;

/// <summary>What the compose page knows of a draft: each text's encoding and segments, the composed alert when valid, quiet hours.</summary>
public sealed record AlertDraft(
    IReadOnlyList<AlertPreviewPanel.TextStats> Texts,
    ComposedAlert? Composed,
    IReadOnlyDictionary<string, string[]> Errors,
    DateTimeOffset? SendAt,
    DateTimeOffset? QuietUntil)
{
    public static AlertDraft Of(AlertForm form, string commune, AlertComposer composer, AlertCalendar calendar, DateTimeOffset now, string requestId)
    {
        var texts = form.PerLanguage.Where(p => !string.IsNullOrWhiteSpace(p.Text)).Select(p =>
        {
            var text = p.Text!.Trim();
            var info = SmsSegments.Analyze(text);
            TextVariant? safe = null;
            if (info.Encoding == SmsEncoding.Ucs2 && SmartEncoding.ApplyIfGsm(text) is { } replaced && replaced != text)
                safe = new TextVariant(replaced, "GSM-7", SmsSegments.Analyze(replaced).Segments);
            return new AlertPreviewPanel.TextStats(p.Language, p.Suffix, info, safe, SmartEncoding.Suggestions(text));
        }).ToList();

        var sendAt = form.SendInstant(calendar, now);
        var (composed, errors) = composer.Compose(form.ToRequest(commune, sendAt, requestId));
        var allErrors = new Dictionary<string, string[]>(errors);
        if (form.Later && sendAt is null) allErrors["sendAt"] = ["unreadable"];
        var quiet = sendAt is { } at ? calendar.QuietUntil(commune, at) : null;
        return new AlertDraft(texts, composed, allErrors, sendAt, quiet);
    }

    public decimal PricePerSegment(IConfiguration configuration) => configuration.GetValue(ConsoleExtensions.PricePerSegmentSetting, ConsoleExtensions.DefaultPricePerSegmentMad);
}
