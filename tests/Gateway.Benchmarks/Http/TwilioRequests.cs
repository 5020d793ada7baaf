using System.Globalization;
using Gateway.Channels.Twilio;

namespace Gateway.Benchmarks.Http;

/// <summary>Twilio's inbound SMS webhook as Twilio sends it: the full form (docs/protocols.md §1), signed like Twilio signs it.</summary>
public static class TwilioRequests
{
    public const string Path = "/webhooks/twilio";
    public const string AccountSid = "AC00000000000000000000000000bench";

    /// <summary>The number citizens text: not a commune's number, so the subscribe flow asks for the commune (3 steps).</summary>
    public const string To = "+15005550006";

    /// <summary>The number the votes benchmark texts: it belongs to Casablanca (GatewayServer), so its poll is found.</summary>
    public const string CasablancaNumber = "+15005550007";

    public static List<KeyValuePair<string, string>> Form(string from, string body, string messageSid, string to = To) =>
    [
        new("ToCountry", "US"), new("ToState", "CA"), new("SmsMessageSid", messageSid), new("NumMedia", "0"),
        new("ToCity", ""), new("FromZip", ""), new("SmsSid", messageSid), new("FromState", ""),
        new("SmsStatus", "received"), new("FromCity", ""), new("Body", body), new("FromCountry", "MA"),
        new("To", to), new("ToZip", ""), new("NumSegments", "1"), new("MessageSid", messageSid),
        new("AccountSid", AccountSid), new("From", from), new("ApiVersion", "2010-04-01"),
    ];

    public static string MessageSid(string runId, long walk, int step) =>
        "SM" + runId + walk.ToString("x18", CultureInfo.InvariantCulture) + step.ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>A POST of <paramref name="form"/>, with X-Twilio-Signature when <paramref name="authToken"/> is given.</summary>
    public static HttpRequestMessage Post(Uri baseAddress, IReadOnlyList<KeyValuePair<string, string>> form, string? authToken)
    {
        var url = new Uri(baseAddress, Path);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (authToken is not null) request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(authToken, url.ToString(), form));
        return request;
    }
}
