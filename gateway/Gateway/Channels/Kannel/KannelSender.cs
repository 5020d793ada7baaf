using System.Text;
using Microsoft.Extensions.Options;
using Gateway.Outbound;
using Gateway.Outbound.Status;

namespace Gateway.Channels.Kannel;

/// <summary>
/// Outbound SMS through smsbox's sendsms (docs/protocols.md §7): one GET per message, UTF-8 text with coding 0 or 2,
/// and a dlr-url carrying our own message id, since sendsms answers only "0: Accepted for delivery". Sending, retries
/// (503 "Temporal failure", other 5xx, network errors) and the logs are <see cref="ProviderSender{TOptions}"/>'s.
/// </summary>
public sealed class KannelSender(
    IHttpClientFactory clients,
    IOptionsMonitor<KannelOptions> options,
    IMessageStatusStore statuses,
    ILogger<KannelSender> logger) : ProviderSender<KannelOptions>(clients, options, statuses, logger)
{
    public const string HttpClientName = "kannel";

    public override string Provider => KannelChannel.Provider;

    protected override string ClientName => HttpClientName;

    protected override string? UnreachableCode => "unreachable";

    protected override ProviderCall Build(OutboundMessage message, KannelOptions settings)
    {
        if (string.IsNullOrEmpty(settings.SendSmsUrl)) return ProviderCall.Fail("not_configured", "Kannel:SendSmsUrl is not set.");
        var id = Guid.NewGuid().ToString("N");
        return ProviderCall.Send(new HttpRequestMessage(HttpMethod.Get, BuildUrl(settings, message, KannelText.Render(message.Reply), id)), id);
    }

    /// <summary>
    /// "0: Accepted for delivery" and "3: Queued for later delivery" both mean Kannel owns the message now. No id comes back:
    /// the message is ours (<see cref="ProviderCall.OwnId"/>), and its delivery reports name it and its reference in the dlr-url.
    /// </summary>
    protected override ProviderAnswer Read(HttpResponseMessage response, string body)
    {
        body = body.Trim();
        return response.IsSuccessStatusCode && (body.StartsWith("0:", StringComparison.Ordinal) || body.StartsWith("3:", StringComparison.Ordinal))
            ? ProviderAnswer.Taken(null, null)
            : ProviderAnswer.Refused(((int)response.StatusCode).ToString(), body);
    }

    internal static string BuildUrl(KannelOptions o, OutboundMessage message, string text, string id)
    {
        static string E(string? v) => Uri.EscapeDataString(v ?? "");
        var dlr = new StringBuilder(o.DlrUrl ?? "");
        dlr.Append(dlr.ToString().Contains('?') ? '&' : '?');
        dlr.Append("secret=").Append(E(o.Secret)).Append("&id=").Append(id);
        if (!string.IsNullOrEmpty(message.Reference)) dlr.Append("&ref=").Append(E(message.Reference));
        dlr.Append("&status=%d"); // Kannel substitutes the DLR value

        var url = new StringBuilder(o.SendSmsUrl);
        url.Append(o.SendSmsUrl!.Contains('?') ? '&' : '?');
        url.Append("username=").Append(E(o.Username))
            .Append("&password=").Append(E(o.Password))
            .Append("&from=").Append(E(message.From ?? o.Sender))
            .Append("&to=").Append(E(message.To))
            .Append("&text=").Append(E(text))
            .Append("&charset=UTF-8")
            .Append("&coding=").Append(KannelText.Coding(text));
        if (!string.IsNullOrEmpty(o.Smsc)) url.Append("&smsc=").Append(E(o.Smsc));
        if (!string.IsNullOrEmpty(o.DlrUrl)) url.Append("&dlr-mask=31&dlr-url=").Append(E(dlr.ToString()));
        return url.ToString();
    }
}
