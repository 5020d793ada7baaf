using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Admin;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Trust;

/// <summary>A commune key acts only on its commune's citizens, and never against what a citizen said.</summary>
public sealed class CommuneIsolationSpecs
{
    private const string Programme = "programme-key-0123456789", Casablanca = "casablanca-key-0123456789", Agadir = "agadir-key-0123456789";
    private const string Citizen = "+212612345678";

    private static GatewayApplication Host() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Key", Programme).With("Admin:ApiKeys:0:Name", "programme")
        .With("Admin:ApiKeys:1:Key", Casablanca).With("Admin:ApiKeys:1:Name", "casa").With("Admin:ApiKeys:1:Commune", "casablanca")
        .With("Admin:ApiKeys:2:Key", Agadir).With("Admin:ApiKeys:2:Name", "agadir").With("Admin:ApiKeys:2:Commune", "agadir");

    [Fact]
    public async Task Importing_a_citizen_who_sent_STOP_does_not_clear_the_STOP()
    {
        await using var app = Host();
        using var client = app.CreateClient();
        await new SimulatorClient(client).SendAsync("STOP");

        var result = await ImportAsync(client, Casablanca, "casablanca");
        var contact = await ContactAsync(client);

        Assert.True(contact.GetProperty("optedOut").GetBoolean(), contact.ToString());
        Assert.Equal(0, result.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task A_commune_key_cannot_move_another_communes_contact_into_its_commune()
    {
        await using var app = Host();
        using var client = app.CreateClient();
        await ImportAsync(client, Casablanca, "casablanca");

        var result = await ImportAsync(client, Agadir, "agadir");
        var contact = await ContactAsync(client);

        Assert.Equal(0, result.GetProperty("imported").GetInt32());
        Assert.Equal(1, result.GetProperty("skipped").GetInt32());
        Assert.Equal("casablanca", contact.GetProperty("commune").GetString());
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string key, string commune)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/communes/{commune}/subscribers:import")
        {
            Content = JsonContent.Create(new { subscribers = new[] { new { phone = Citizen, language = "fr" } } }),
        };
        request.Headers.Add(AdminExtensions.HeaderName, key);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ContactAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/contacts/" + Uri.EscapeDataString(Citizen));
        request.Headers.Add(AdminExtensions.HeaderName, Programme);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
