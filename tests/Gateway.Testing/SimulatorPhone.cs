using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Testing;

/// <summary>
/// A phone talking to a gateway through the public simulator API (<c>POST /api/simulator/messages</c>), as a newcomer
/// would: the unit and integration tests' one copy.
/// </summary>
public sealed class SimulatorPhone(HttpClient http, string from = "+212612345678", string channel = "sms")
{
    public string From { get; } = from;

    /// <summary>Sends one message (a tapped WhatsApp button or row as <paramref name="payload"/>) and requires a 200.</summary>
    public Task<SimulatorAnswer> SendAsync(string text, string? id = null, string? payload = null) => SendAsync(http, text, id, payload);

    /// <summary>Sends one message through <paramref name="via"/> (another gateway instance) and requires a 200.</summary>
    public async Task<SimulatorAnswer> SendAsync(HttpClient via, string text, string? id = null, string? payload = null)
    {
        var (status, body) = await PostAsync(via, text, id, payload);
        if (status != HttpStatusCode.OK)
            throw new HttpRequestException($"the simulator answered {(int)status} to '{text}': {body}", null, status);
        return SimulatorAnswer.Parse(body);
    }

    /// <summary>Sends each message in turn; returns the last answer.</summary>
    public async Task<SimulatorAnswer> SayAsync(params string[] texts)
    {
        SimulatorAnswer? last = null;
        foreach (var text in texts) last = await SendAsync(text);
        return last!;
    }

    /// <summary>Posts without judging the answer (for outage and limit tests).</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient via, string text, string? id = null, string? payload = null)
    {
        using var response = await via.PostAsJsonAsync("/api/simulator/messages", new { from = From, channel, text, id, payload });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The simulator's answer: <c>{contactId, conversationOpen, duplicate, replies}</c>.</summary>
public sealed record SimulatorAnswer(string ContactId, bool ConversationOpen, bool Duplicate, JsonElement[] Replies)
{
    /// <summary>The replies as text (SMS/USSD strings, or the body of WhatsApp messages), joined.</summary>
    public string Text => string.Join("\n---\n", Replies.Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetProperty("body").GetString()));

    public static SimulatorAnswer Parse(string json) => JsonSerializer.Deserialize<SimulatorAnswer>(json, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException("empty simulator answer");
}
