using System.Net;
using System.Text;
using Gateway.Conversations;
using Gateway.Text;
using Microsoft.Extensions.Options;
using Gateway.Outbound;

namespace Gateway.Channels.Kannel;

/// <summary>
/// Outbound SMS through smsbox's sendsms (docs/protocols.md §7): one GET per message, UTF-8 text with coding 0 or 2,
/// and a dlr-url carrying our own message id, since sendsms answers only "0: Accepted for delivery".
/// Retries (503 "Temporal failure", network errors) come from the "kannel" HttpClient's resilience handler.
/// </summary>
public sealed class KannelSender(IHttpClientFactory httpClients, IOptionsMonitor<KannelOptions> options, ILogger<KannelSender> logger) : IMessageSender
{
    public const string ProviderName = "kannel";
    public const string HttpClientName = "kannel";

    public string Provider => ProviderName;

    public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (string.IsNullOrEmpty(o.SendSmsUrl))
            return new SendOutcome("failed", null, "not_configured", "Kannel:SendSmsUrl is not set.");

        var id = Guid.NewGuid().ToString("N");
        var text = KannelText.Render(message.Reply);
        var url = BuildUrl(o, message, text, id);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
            var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            // "0: Accepted for delivery" and "3: Queued for later delivery" both mean Kannel owns the message now.
            if (response.IsSuccessStatusCode && (body.StartsWith("0:", StringComparison.Ordinal) || body.StartsWith("3:", StringComparison.Ordinal)))
                return SendOutcome.Ok(id);

            logger.LogWarning("Kannel sendsms refused a message to {To}: {Status} {Body}", PhoneNumbers.Mask(message.To), (int)response.StatusCode, body);
            var retryable = response.StatusCode == HttpStatusCode.ServiceUnavailable || (int)response.StatusCode >= 500;
            return new SendOutcome("failed", id, ((int)response.StatusCode).ToString(), body, retryable);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "Kannel sendsms unreachable for a message to {To}", PhoneNumbers.Mask(message.To));
            return new SendOutcome("failed", id, "unreachable", e.Message, Retryable: true);
        }
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
