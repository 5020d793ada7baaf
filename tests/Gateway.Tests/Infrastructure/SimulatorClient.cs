using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

/// <summary>Talks to the gateway through the simulator API, as a newcomer would.</summary>
public sealed class SimulatorClient(HttpClient http, string from = "+212612345678", string channel = "sms")
{
    public sealed record Reply(string ContactId, bool ConversationOpen, bool Duplicate, JsonElement[] Replies)
    {
        /// <summary>The replies as text (SMS/USSD strings, or the body of WhatsApp messages).</summary>
        public string Text => string.Join("\n---\n", Replies.Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetProperty("body").GetString()));
    }

    public string From { get; } = from;

    public async Task<Reply> SendAsync(string text, string? id = null, string? payload = null)
    {
        var response = await http.PostAsJsonAsync("/api/simulator/messages", new { from = From, channel, text, id, payload });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"simulator answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<Reply>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Sends each message in turn and returns the last reply.</summary>
    public async Task<Reply> SayAsync(params string[] texts)
    {
        Reply? last = null;
        foreach (var text in texts) last = await SendAsync(text);
        return last!;
    }
}
