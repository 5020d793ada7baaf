using Gateway.Alerts.Sending;
using Gateway.Communes;
using Gateway.Contacts;
using Gateway.Conversations;
using Gateway.Text;
using Microsoft.Extensions.Options;
using Gateway.Conversations.Ports;

namespace Gateway.Alerts.Compose;

/// <summary>
/// Builds the preview. Recipients are counted by streaming the audience and reading each contact's state with the same
/// routing as the fan-out — exact, and never stale (language changes and opt-outs need no counter upkeep). Past
/// <c>Alerts:PreviewExactLimit</c> contacts it stops and extrapolates from that sample (SSCAN order is hash order, so the
/// sample is unbiased), marking the preview <c>estimated</c>: a preview of 100,000 stays a fraction of a second.
/// </summary>
public sealed class AlertPreviewer(IAudienceStore audience, IContactStore contacts, CommuneRegistry communes, Outbound.OutboundRouter router, IOptions<AlertsOptions> options,
    AlertSegments audienceSegments)
{
    private readonly AlertsOptions _options = options.Value;

    public async Task<AlertPreview> PreviewAsync(ComposedAlert alert, CancellationToken cancellationToken)
    {
        var communeDefault = communes.Find(alert.Commune)?.DefaultLanguage;
        var perLanguage = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var skipped = new Dictionary<string, long>(StringComparer.Ordinal);
        long read = 0;
        var segment = audienceSegments.For(alert.Segment, alert.SendAt);
        var total = await audience.CountAsync(alert.Commune, alert.Topic, cancellationToken);

        await foreach (var page in audience.StreamAsync(alert.Commune, alert.Topic, 500, cancellationToken))
        {
            var states = await Task.WhenAll(page.Select(id => contacts.GetAsync(id, cancellationToken)));
            foreach (var stored in states)
            {
                read++;
                var contact = stored?.State;
                var (reason, route) = AlertRouting.Select(router, contact, alert.Commune, alert.Topic, alert.Channel, segment);
                if (reason is not null)
                {
                    skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                    continue;
                }
                var language = AlertRouting.PickLanguage(alert.Texts, contact!.Language, communeDefault);
                var channels = perLanguage.TryGetValue(language, out var c) ? c : perLanguage[language] = new(StringComparer.Ordinal);
                var channel = route!.Channel.ToWire();
                channels[channel] = channels.GetValueOrDefault(channel) + 1;
            }
            if (read >= _options.PreviewExactLimit) break;
        }

        var estimated = read < total && read > 0;
        var scale = estimated ? (double)total / read : 1.0;
        long Scale(long n) => estimated ? (long)Math.Round(n * scale) : n;

        var languages = new List<LanguagePreview>();
        long segments = 0, whatsApp = 0;
        foreach (var (language, text) in alert.Texts.OrderBy(t => Languages.Core.ToList().IndexOf(t.Key) is var i && i < 0 ? 99 : i))
        {
            var info = SmsSegments.Analyze(text);
            var recipients = (perLanguage.GetValueOrDefault(language) ?? []).ToDictionary(kv => kv.Key, kv => Scale(kv.Value), StringComparer.Ordinal);
            recipients.TryAdd("sms", 0);
            recipients.TryAdd("whatsapp", 0);
            segments += recipients["sms"] * info.Segments;
            whatsApp += recipients["whatsapp"];

            var written = alert.Written[language];
            var smart = SmartEncoding.ApplyIfGsm(text);
            TextVariant? smartVariant = smart is not null && smart != text ? Variant(smart) : null;
            FoldingPreview? folding = null;
            if (language == Languages.French)
            {
                var writtenInfo = SmsSegments.Analyze(written);
                var folded = GsmFolding.Fold(written);
                var foldedInfo = SmsSegments.Analyze(folded);
                folding = new FoldingPreview(folded, foldedInfo.Encoding.Name(), foldedInfo.Segments, writtenInfo.Segments - foldedInfo.Segments, alert.FoldFrenchAccents);
            }
            languages.Add(new LanguagePreview(language, text, info.Characters, info.Encoding.Name(), info.Segments, info.NonGsmCharacters,
                SmartEncoding.Suggestions(text), smartVariant, folding, recipients));
        }

        var reminders = alert.Reminders.Select(r => new ReminderPreview(r.At,
            r.Texts.ToDictionary(kv => kv.Key, kv => SmsSegments.Analyze(kv.Value).Segments, StringComparer.Ordinal))).ToList();
        var reminderSegments = reminders.Sum(r => languages.Sum(l => l.Recipients["sms"] * (long)r.Segments.GetValueOrDefault(l.Language)));

        return new AlertPreview(alert.Commune, alert.Topic, alert.SendAt, total,
            languages.Sum(l => l.Recipients.Values.Sum()),
            skipped.ToDictionary(kv => kv.Key, kv => Scale(kv.Value), StringComparer.Ordinal),
            estimated, languages, segments, whatsApp, reminders, segments + reminderSegments, alert.Segment);
    }

    private static TextVariant Variant(string text)
    {
        var info = SmsSegments.Analyze(text);
        return new TextVariant(text, info.Encoding.Name(), info.Segments);
    }
}
