using System.Net;
using System.Text;
using Gateway.Admin;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Trust.HostileHost;

namespace Gateway.Tests.Trust;

/// <summary>Logs at every level, through a whole conversation on every channel, never hold a phone number or a secret.</summary>
public sealed class LogPrivacySpecs
{
    private const string UssdKey = "ussd-route-key-0123456789abcdef";
    private const string AdminKey = "admin-key-for-logs-0123456789abcdef";

    [Fact]
    public async Task A_whole_conversation_logged_at_trace_level_names_no_phone_number_and_no_secret()
    {
        var logs = new CapturedLogs { MinimumLevel = LogLevel.Trace };
        await using var app = Create(logs)
            .With("Logging:LogLevel:Default", "Trace").With("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
            .With("Ussd:AfricasTalking:Key", UssdKey)
            .With("Admin:ApiKeys:0:Key", AdminKey).With("Admin:ApiKeys:0:Name", "programme");
        using var client = app.CreateClient();

        // SMS through Kannel (secret and number in the query), Twilio, a USSD session, the simulator, the admin API.
        foreach (var (text, id) in new[] { ("AVIS", "k1"), ("4", "k2"), ("2", "k3"), ("Pas d'eau depuis 3 jours", "k4"), ("1", "k5") })
            Ok(await client.GetAsync($"/webhooks/kannel?secret={KannelSecret}&from=%2B212612345678&to=2727&text={Uri.EscapeDataString(text)}&coding=0&charset=UTF-8&id={id}"));
        Ok(await client.SendAsync(Twilio("/webhooks/twilio", [new("MessageSid", "SM1"), new("From", "+212612345679"), new("To", "+212522000001"), new("Body", "AVIS")])));
        foreach (var text in new[] { "", "1", "1*4" })
            Ok(await client.PostAsync($"/webhooks/africastalking/ussd?key={UssdKey}", new StringContent(
                $"sessionId=ATs1&serviceCode=%2A123%2A1%23&phoneNumber=%2B212612345677&networkCode=60401&text={Uri.EscapeDataString(text)}", Encoding.UTF8, "application/x-www-form-urlencoded")));
        Ok(await client.PostAsync($"/webhooks/africastalking/ussd/events?key={UssdKey}", new StringContent(
            "sessionId=ATs1&phoneNumber=%2B212612345677&status=Success&hopsCount=3&durationInMillis=9000", Encoding.UTF8, "application/x-www-form-urlencoded")));
        Ok(await client.PostAsync("/api/simulator/messages", new StringContent("""{"from":"+212612345676","channel":"sms","text":"STOP"}""", Encoding.UTF8, "application/json")));
        using var contact = new HttpRequestMessage(HttpMethod.Get, "/api/contacts/%2B212612345678");
        contact.Headers.Add(AdminExtensions.HeaderName, AdminKey);
        Ok(await client.SendAsync(contact));
        using var wrong = await client.GetAsync($"/webhooks/kannel?secret=not-the-secret-{KannelSecret}&from=%2B212612345675&text=x");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);

        Assert.True(logs.Entries.Count > 50, $"only {logs.Entries.Count} entries: is Trace really captured?");
        var leaks = logs.Entries.Select(e => $"[{e.Level} {e.Category}] {e.Message} {e.Exception}")
            .Where(line => line.Contains("1234567") || line.Contains(KannelSecret) || line.Contains(UssdKey) || line.Contains(AdminKey)
                || line.Contains(TwilioToken) || line.Contains("%2B2126"))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries leak:\n{string.Join("\n", leaks.Take(15))}");
    }

    private static void Ok(HttpResponseMessage response)
    {
        using (response) Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode} for {response.RequestMessage?.RequestUri}");
    }
}
