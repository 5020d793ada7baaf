using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Drills;

/// <summary>The admin API as a programme would call it (X-Api-Key), through whichever replica is alive.</summary>
public sealed class AdminApi(Replicas replicas) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Creates a three-option poll of Casablanca with <paramref name="keyword"/> on replica <paramref name="index"/>; returns its id.</summary>
    public async Task<string> CreatePollAsync(int index, string keyword)
    {
        var poll = await SendAsync(index, HttpMethod.Post, "/api/polls", new
        {
            commune = "casablanca",
            keyword,
            question = new Dictionary<string, string> { ["fr"] = "Quel projet d'abord ?", ["ar"] = "أي مشروع أولا؟" },
            options = new[]
            {
                new Dictionary<string, string> { ["fr"] = "Terrain de sport", ["ar"] = "ملعب" },
                new Dictionary<string, string> { ["fr"] = "Bibliothèque", ["ar"] = "مكتبة" },
                new Dictionary<string, string> { ["fr"] = "Éclairage", ["ar"] = "إنارة" },
            },
            closesAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        return poll.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// An alert to Agadir's meeting subscribers, now; returns its id. With a request id: a retry after a timeout or a 503
    /// (the first request may have created it) returns the same alert instead of creating a second.
    /// </summary>
    public async Task<string> CreateAlertAsync(int index, string text, string requestId)
    {
        var alert = await SendAsync(index, HttpMethod.Post, "/api/alerts", new { commune = "agadir", texts = new Dictionary<string, string> { ["fr"] = text }, requestId });
        return alert.GetProperty("id").GetString()!;
    }

    /// <summary>Votes per option (1-based), as the results API reads them from the poll's counters.</summary>
    public async Task<long[]> PollResultsAsync(string pollId)
    {
        var results = await SendAsync(null, HttpMethod.Get, $"/api/polls/{pollId}/results");
        return [.. results.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt64())];
    }

    public async Task<JsonElement> AlertAsync(string alertId) => await SendAsync(null, HttpMethod.Get, $"/api/alerts/{alertId}");

    /// <summary>True when the desk knows the report (200), false on 404.</summary>
    public async Task<bool> ReportExistsAsync(string reference)
    {
        using var response = await RawAsync(null, HttpMethod.Get, $"/api/feedback/{reference}", null);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    private async Task<JsonElement> SendAsync(int? index, HttpMethod method, string path, object? body = null)
    {
        using var response = await RawAsync(index, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new DrillSetupException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>On replica <paramref name="index"/>, or on any replica alive (retrying for a minute while the store recovers).</summary>
    private async Task<HttpResponseMessage> RawAsync(int? index, HttpMethod method, string path, object? body)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        for (var attempt = 0; ; attempt++)
        {
            var target = index ?? Alive(attempt);
            var address = replicas.Address(target) ?? throw new DrillSetupException($"replica {target} is down");
            using var request = new HttpRequestMessage(method, new Uri(address, path));
            request.Headers.Add("X-Api-Key", Replicas.AdminKey);
            if (body is not null) request.Content = JsonContent.Create(body);
            try
            {
                var response = await _http.SendAsync(request);
                if ((int)response.StatusCode < 500 || DateTime.UtcNow > deadline) return response;
                response.Dispose();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline) { }
            await Task.Delay(500);
        }
    }

    private int Alive(int start)
    {
        for (var i = 0; i < replicas.Count; i++)
            if (replicas.Address((start + i) % replicas.Count) is not null) return (start + i) % replicas.Count;
        return start % replicas.Count;
    }

    public void Dispose() => _http.Dispose();
}
