using System.Net;
using System.Net.Http.Json;
using Gateway.Alerts;

namespace Gateway.Tests.Alerts;

/// <summary>GET /api/alerts: a commune's alerts, newest first, reminders inside their alert; other communes' stay hidden.</summary>
public sealed class AlertListSpecs
{
    [Fact]
    public async Task Lists_a_communes_alerts_newest_first_without_their_reminders()
    {
        await using var host = new AlertsHost();
        var first = await host.CreateAsync(new { commune = "agadir", texts = new { fr = "Premier" } });
        host.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await host.CreateAsync(new
        {
            commune = "agadir",
            meeting = new { date = "2026-12-02", time = "18:00", place = new { fr = "salle du conseil" } },
            reminders = new[] { "P1D" },
        });
        await host.CreateAsync(new { commune = "casablanca", texts = new { fr = "Ailleurs" } });

        var listed = await host.Client.GetFromJsonAsync<List<AlertView>>("/api/alerts?commune=agadir", AlertsHost.Json);

        Assert.Equal([second.Id, first.Id], listed!.Select(a => a.Id));
        Assert.Single(listed![0].Reminders);
    }

    [Fact]
    public async Task A_commune_key_lists_its_own_commune_and_gets_404_for_another()
    {
        await using var host = new AlertsHost();
        await host.CreateAsync(new { commune = "agadir", texts = new { fr = "Bonjour" } });
        await host.CreateAsync(new { commune = "casablanca", texts = new { fr = "Bonjour" } });
        var agadir = host.CreateClient("agadir-only-key-0001");

        var own = await agadir.GetFromJsonAsync<List<AlertView>>("/api/alerts", AlertsHost.Json);
        var other = await agadir.GetAsync("/api/alerts?commune=casablanca");

        Assert.All(own!, a => Assert.Equal("agadir", a.Commune));
        Assert.Single(own!);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_programme_key_must_name_the_commune()
    {
        await using var host = new AlertsHost();

        var response = await host.Client.GetAsync("/api/alerts?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"commune\"", body);
        Assert.Contains("\"limit\"", body);
    }
}
