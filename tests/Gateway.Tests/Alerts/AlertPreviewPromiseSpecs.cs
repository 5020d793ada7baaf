using System.Net.Http.Json;
using Gateway.Alerts;
using Gateway.Alerts.Compose;
using Gateway.Contacts;
using Gateway.Testing.Fakes;
using Gateway.Tests.Channels;
using Gateway.Tests.Channels.Infobip;
using Gateway.Tests.Channels.Kannel;
using Gateway.Tests.Channels.Twilio;
using Gateway.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Tests.Alerts;

/// <summary>
/// The preview is the promise: the text an alert's recipient gets, through every SMS provider, is the text its preview
/// showed, in as many SMS as it priced — "fêtes" stays "fêtes" (UCS-2) unless the author chose to fold French, and then
/// it is "fetes" (GSM-7) both in the preview and on the phone.
/// </summary>
public sealed class AlertPreviewPromiseSpecs
{
    // 200 characters with "fêtes", "août" and typographic quotes: UCS-2 as written (3 SMS), GSM-7 folded (2 SMS).
    private const string French =
        "Conseil communal : séance publique « budget des fêtes » le mercredi 2 décembre à 18 h, salle des fêtes. "
        + "Ordre du jour : comptes d'août, marché couvert, éclairage. Venez nombreux, l’entrée est libre.";

    public static TheoryData<string, bool> Providers => new()
    {
        { "twilio", false }, { "twilio", true },
        { "kannel", false }, { "kannel", true },
        { "infobip", false }, { "infobip", true },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_alert_reaches_the_phone_as_its_preview_showed_and_priced_it(string provider, bool fold)
    {
        var table = provider switch { "twilio" => TwilioOutgoingCases.Table, "kannel" => KannelOutgoingCases.Table, _ => InfobipOutgoingCases.Table };
        await using var api = await CannedProviderApi.StartNewAsync([table.Success]);
        await using var host = new AlertsHost(app =>
        {
            foreach (var (key, value) in table.BaseSettings) app.With(key, value?.Replace("{api}", api.BaseUrl));
        });
        await host.ImportAsync("casablanca", [new SubscriberRow(AlertsHost.Phone(1), "fr", "sms", provider)]);
        var request = new { commune = "casablanca", texts = new { fr = French }, foldFrenchAccents = fold };

        var response = await host.Client.PostAsJsonAsync("/api/alerts/preview", request, AlertsHost.Json);
        var preview = (await response.Content.ReadFromJsonAsync<AlertPreview>(AlertsHost.Json))!;
        var shown = Assert.Single(preview.Languages);
        Assert.Equal(fold ? "GSM-7" : "UCS-2", shown.Encoding);
        Assert.Equal(fold, shown.FrenchFolding!.Applied);
        Assert.Contains(fold ? "fetes" : "fêtes", shown.Text);

        var alert = await host.CreateAsync(request);
        await host.WaitAsync(alert.Id, a => a.Status == AlertStatus.Done, "the alert to be sent");
        var sent = SentText(provider, Assert.Single(await api.WaitForRequestsAsync(1)));

        Assert.Equal(shown.Text, sent);
        Assert.Equal(shown.Segments, SmsSegments.Analyze(sent).Segments);
        Assert.Equal(fold ? 2 : 3, shown.Segments);
        Assert.Equal(shown.Segments, preview.EstimatedSegments);
    }

    /// <summary>The text as the provider received it: Twilio's form Body, Kannel's sendsms text, Infobip's JSON text.</summary>
    private static string SentText(string provider, RecordedRequest request) => provider switch
    {
        "twilio" => request.Field("Body")!,
        "kannel" => QueryHelpers.ParseQuery(request.Query)["text"].ToString(),
        _ => request.Json["messages"]![0]!["text"]!.GetValue<string>(),
    };
}
