using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Alerts;
using Gateway.Channels;
using Gateway.Contacts;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Outbound;

namespace Gateway.Tests.Alerts;

/// <summary>The gateway with alerts wired to the fake provider and an admin key; helpers that speak its HTTP API.</summary>
public sealed class AlertsHost : IAsyncDisposable
{
    public const string Key = "test-programme-key-0001";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public GatewayApplication App { get; }
    public RecordingSender Provider { get; } = new();
    private HttpClient? _client;

    public AlertsHost(Action<GatewayApplication>? configure = null)
    {
        App = new GatewayApplication()
            .With("Admin:ApiKeys:0:Key", Key)
            .With("Admin:ApiKeys:0:Name", "programme")
            .With("Admin:ApiKeys:1:Key", "agadir-only-key-0001")
            .With("Admin:ApiKeys:1:Name", "agadir")
            .With("Admin:ApiKeys:1:Commune", "agadir")
            .With("Alerts:RetryDelay", "00:00:00.010")
            .With("Alerts:SchedulerInterval", "00:00:00.050")
            .WithServices(s => s.AddSingleton<IMessageSender>(Provider));
        configure?.Invoke(App);
    }

    public HttpClient Client => _client ??= CreateClient(Key);

    public HttpClient CreateClient(string key)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static string Phone(int i) => "+2126" + (10_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<SubscriberImportResult> ImportAsync(string commune, IEnumerable<SubscriberRow> rows, string topic = "meetings")
    {
        var response = await Client.PostAsJsonAsync($"/api/communes/{commune}/subscribers:import", new { topic, subscribers = rows }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SubscriberImportResult>(Json))!;
    }

    public async Task<AlertView> CreateAsync(object request)
    {
        var response = await Client.PostAsJsonAsync("/api/alerts", request, Json);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AlertView>(Json))!;
    }

    public async Task<AlertView> GetAsync(string id) => (await Client.GetFromJsonAsync<AlertView>($"/api/alerts/{id}", Json))!;

    public Task<AlertView> WaitAsync(string id, Func<AlertView, bool> done, string what) =>
        Wait.ForAsync(() => GetAsync(id), done, what, seconds: 120);

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await App.DisposeAsync();
    }
}
