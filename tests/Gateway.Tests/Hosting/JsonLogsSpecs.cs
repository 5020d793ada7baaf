using System.Text.Json;
using Gateway.Channels.Twilio;

namespace Gateway.Tests.Hosting;

/// <summary>
/// <c>Logging:Json=true</c> makes the gateway's console one JSON object per line, for a log collector, with numbers still
/// masked. Proven on the gateway's own build in its own process: its console is what a collector reads.
/// </summary>
public sealed class JsonLogsSpecs
{
    private const string AuthToken = "json-logs-spec-auth-token-0123456789";
    private const string Citizen = "+212612345678";

    [Fact]
    public async Task With_Logging_Json_every_console_line_is_one_JSON_object_and_no_number_is_in_clear()
    {
        var port = ServerProcess.FreePort();
        var directory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Logging__Json"] = "true",
            ["Logging__LogLevel__Gateway"] = "Debug", // the webhook line with the masked sender is a Debug line
            ["Twilio__AccountSid"] = "ACjsonlogs",
            ["Twilio__AuthToken"] = AuthToken,
        };
        string logPath;
        const string sid = "SMjsonlogs0000000000000000000000001";
        await using (var server = await ServerProcess.StartAsync("json-logs", Path.Combine(directory, "Gateway.dll"), [], directory, port, environment, "/health/live"))
        {
            logPath = server.LogPath;
            using var client = new HttpClient();
            var url = new Uri(server.BaseAddress, "/webhooks/twilio");
            var form = new List<KeyValuePair<string, string>> { new("MessageSid", sid), new("AccountSid", "ACjsonlogs"), new("From", Citizen), new("To", "+212522000001"), new("Body", "Salam") };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(AuthToken, url.ToString(), form));
            (await client.SendAsync(request)).EnsureSuccessStatusCode();

            // The webhook's own log line (provider, message id, masked sender) is the signal that the message was logged.
            await Wait.ForAsync(() => Task.FromResult(Read(server.LogPath)), text => text.Contains(sid, StringComparison.Ordinal), "the inbound message's log line", seconds: 60);
        }
        // Read once the process has stopped (SIGTERM): the console's queue is flushed, the shutdown lines included.
        var lines = Read(logPath).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, entry.RootElement.ValueKind);
            Assert.True(entry.RootElement.TryGetProperty("Category", out _), line);
        }
        Assert.Contains(lines, line => line.Contains(sid, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("612345678", StringComparison.Ordinal));
    }

    private static string Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
