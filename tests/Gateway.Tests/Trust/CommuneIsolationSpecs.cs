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
        await new SimulatorPhone(client).SendAsync("STOP");

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

    [Fact]
    public async Task The_simulator_with_a_commune_key_speaks_only_as_that_communes_citizens_and_tells_no_contact_id()
    {
        await using var app = Host().With("Simulator:Open", "false");
        using var client = app.CreateClient();

        using var own = await SimulateAsync(client, Casablanca, Citizen, to: null);
        using var elsewhere = await SimulateAsync(client, Casablanca, "+212612345670", to: "+212528000004");
        using var agadirs = await SimulateAsync(client, Agadir, "+212612345671", to: null);
        using var stolen = await SimulateAsync(client, Casablanca, "+212612345671", to: null);
        using var mailbox = await SendAsync(client, Casablanca, HttpMethod.Get, "/api/simulator/messages?to=%2B212612345671", null);
        using var programme = await SimulateAsync(client, Programme, "+212612345672", to: null);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var reply = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("contactId").ValueKind);
        Assert.Equal("casablanca", (await ContactAsync(client)).GetProperty("commune").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("\"to\"", await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, agadirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mailbox.StatusCode);
        Assert.Equal(HttpStatusCode.OK, programme.StatusCode);
        Assert.StartsWith("c", (await programme.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactId").GetString());
    }

    private static Task<HttpResponseMessage> SimulateAsync(HttpClient client, string key, string from, string? to) =>
        SendAsync(client, key, HttpMethod.Post, "/api/simulator/messages", JsonContent.Create(new { from, channel = "sms", text = "AVIS", to }));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(AdminExtensions.HeaderName, key);
        return await client.SendAsync(request);
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
