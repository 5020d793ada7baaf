using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.IntegrationTests.Infrastructure;

/// <summary>A phone talking to a gateway through the public simulator API (<c>POST /api/simulator/messages</c>).</summary>
public sealed class SimulatorPhone(HttpClient http, string from, string channel = "sms")
{
    public string From { get; } = from;

    /// <summary>Sends one message and requires a 2xx answer.</summary>
    public async Task<SimulatorAnswer> SendAsync(string text, string? id = null) => await SendAsync(http, text, id);

    /// <summary>Sends one message through <paramref name="via"/> (another gateway instance) and requires a 2xx answer.</summary>
    public async Task<SimulatorAnswer> SendAsync(HttpClient via, string text, string? id = null)
    {
        var (status, body) = await PostAsync(via, text, id);
        Assert.True(status == HttpStatusCode.OK, $"the simulator answered {(int)status} to '{text}': {body}");
        return SimulatorAnswer.Parse(body);
    }

    /// <summary>Sends each message in turn; returns the last answer.</summary>
    public async Task<SimulatorAnswer> SayAsync(params string[] texts)
    {
        SimulatorAnswer? last = null;
        foreach (var text in texts) last = await SendAsync(text);
        return last!;
    }

    /// <summary>Posts without judging the answer (for outage tests).</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient via, string text, string? id = null)
    {
        using var response = await via.PostAsJsonAsync("/api/simulator/messages", new { from = From, channel, text, id });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The simulator's answer: <c>{contactId, conversationOpen, duplicate, replies}</c>.</summary>
public sealed record SimulatorAnswer(string ContactId, bool ConversationOpen, bool Duplicate, JsonElement[] Replies)
{
    /// <summary>The SMS replies joined (each is a string on the sms channel).</summary>
    public string Text => string.Join("\n---\n", Replies.Select(r => r.GetString()));

    public static SimulatorAnswer Parse(string json) => JsonSerializer.Deserialize<SimulatorAnswer>(json, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException("empty simulator answer");
}
