using System.Net;
using System.Xml.Linq;
using Gateway.Channels.Twilio;

namespace Gateway.BrowserTests.Infrastructure;

/// <summary>A citizen's phone texting through Twilio's signed webhook (a real provider: not simulated traffic).</summary>
public sealed class TwilioPhone(string baseUrl, string from)
{
    /// <summary>Sends one SMS to <paramref name="to"/>; returns the replies of the TwiML answer.</summary>
    public async Task<string> SendAsync(string to, string text)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")), new("AccountSid", "AC" + new string('1', 32)),
            new("From", from), new("To", to), new("Body", text), new("NumMedia", "0"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(ConsoleHost.TwilioToken, ConsoleHost.PublicBase + "/webhooks/twilio", form));
        using var response = await http.SendAsync(request);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Twilio webhook answered {(int)response.StatusCode}: {xml}");
        return string.Join("\n", XDocument.Parse(xml).Descendants("Message").Select(m => m.Value));
    }
}
