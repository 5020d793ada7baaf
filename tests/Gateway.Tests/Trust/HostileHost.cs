using System.Net;
using System.Text;
using Gateway.Channels.Twilio;
using Gateway.Channels.WhatsAppCloud;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Trust;

/// <summary>
/// The real gateway (real engine, in-memory state) with every channel configured, and every log entry captured so a
/// test can assert that nothing was logged as an unhandled exception.
/// </summary>
public static class HostileHost
{
    public const string TwilioToken = "hostile_twilio_auth_token";
    public const string MetaSecret = "hostile-meta-app-secret";
    public const string KannelSecret = "hostile-kannel-secret";
    public const string PublicBase = "https://gw.example.ma";
    public const string Phone = "+212612345678";

    /// <param name="graphBaseUrl">A fake Graph API for WhatsApp Cloud replies; without one, WhatsApp Cloud replies are not configured.</param>
    public static GatewayApplication Create(CapturedLogs logs, string? graphBaseUrl = null) =>
        new GatewayApplication()
            .With("Twilio:AuthToken", TwilioToken).With("Twilio:AccountSid", "AChostile")
            .With("WhatsApp:AppSecret", MetaSecret).With("WhatsApp:VerifyToken", "verify")
            .With("WhatsApp:AccessToken", graphBaseUrl is null ? null : "token").With("WhatsApp:PhoneNumberId", graphBaseUrl is null ? null : "PNID")
            .With("WhatsApp:GraphBaseUrl", graphBaseUrl is null ? null : graphBaseUrl + "/v21.0").With("WhatsApp:Retry:MaxRetries", "0")
            .With("Kannel:Secret", KannelSecret).With("Kannel:Sender", "2727")
            .With("Gateway:PublicBaseUrl", PublicBase)
            .WithServices(s => s.AddSingleton<ILoggerProvider>(logs));

    /// <summary>A Twilio form POST signed as Twilio would sign it (or unsigned).</summary>
    public static HttpRequestMessage Twilio(string path, IReadOnlyList<KeyValuePair<string, string>> form, bool signed = true)
    {
        var body = string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + EscapeLenient(p.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } },
        };
        if (signed)
        {
            // Signed over what the gateway decodes, so a value that does not survive UTF-8 is signed as it arrives.
            var decoded = TwilioForm.Parse(Encoding.UTF8.GetBytes(body));
            request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(TwilioToken, PublicBase + path, decoded.Pairs));
        }
        return request;
    }

    /// <summary>A WhatsApp Cloud webhook POST with these exact bytes, signed with the app secret (or not).</summary>
    public static HttpRequestMessage Meta(byte[] body, bool signed = true, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppCloudWebhooks.Path)
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } },
        };
        if (signed) request.Headers.Add(WhatsAppCloudSignature.Header, WhatsAppCloudSignature.Compute(MetaSecret, body));
        return request;
    }

    public static HttpRequestMessage Raw(HttpMethod method, string path, byte[] body, string? contentType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return request;
    }

    public static HttpRequestMessage Form(string path, string body) =>
        Raw(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded");

    public static HttpRequestMessage Json(string path, string json) =>
        Raw(HttpMethod.Post, path, Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>A WhatsApp Cloud message webhook carrying one text message (the text already JSON-escaped as wanted).</summary>
    public static string MetaText(string escapedText, string wamid = "wamid.H1") =>
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"212522000001\",\"phone_number_id\":\"PNID\"},\"messages\":[{\"from\":\"212612345678\",\"id\":\""
        + wamid + "\",\"timestamp\":\"1764000000\",\"type\":\"text\",\"text\":{\"body\":\""
        + escapedText + "\"}}]}}]}]}";

    /// <summary>Percent-escapes UTF-16 as UTF-8, leaving a lone surrogate as the bytes it would have in CESU-8 (not UTF-8).</summary>
    public static string EscapeLenient(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value)) builder.Append('%').Append(b.ToString("X2"));
        return builder.ToString();
    }

    /// <summary>Asserts a status the gateway may give any request: 2xx, 4xx with a problem body, or 503.</summary>
    public static async Task AssertWellFormedAsync(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 200 and < 300 or >= 400 and < 500 or 503, $"{what}: HTTP {status} {body}");
        if (status >= 400 && response.StatusCode != HttpStatusCode.NotFound && response.StatusCode != HttpStatusCode.MethodNotAllowed)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: HTTP {status} without a problem body: {body}");
    }
}
