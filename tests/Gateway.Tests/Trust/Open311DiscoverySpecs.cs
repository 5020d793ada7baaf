using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Gateway.Tests.Trust;

/// <summary>
/// Issue 22 finding 6: Open311 discovery names only the configured public URL (<c>Gateway:PublicBaseUrl</c>). Without one
/// it gives the endpoint as a path relative to the discovery document, never the caller's Host header: a forged Host must
/// not make the gateway advertise another server to the clients that cache its discovery.
/// </summary>
public sealed class Open311DiscoverySpecs
{
    private const string ForgedHost = "attacker.example";

    private static async Task<string> DiscoveryAsync(GatewayApplication app, string format)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/discovery.{format}");
        request.Headers.Host = ForgedHost;
        using var response = await app.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private static string JsonUrl(string body) =>
        Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("endpoints").EnumerateArray()).GetProperty("url").GetString()!;

    private static string XmlUrl(string body) => XDocument.Parse(body).Root!.Element("endpoints")!.Element("endpoint")!.Element("url")!.Value;

    [Fact]
    public async Task Without_a_configured_public_URL_discovery_gives_a_relative_endpoint_and_never_the_Host_header()
    {
        await using var app = new GatewayApplication().With("Gateway:PublicBaseUrl", null);

        var json = await DiscoveryAsync(app, "json");
        var xml = await DiscoveryAsync(app, "xml");

        Assert.Equal("/open311/v2", JsonUrl(json));
        Assert.Equal("/open311/v2", XmlUrl(xml));
        Assert.DoesNotContain(ForgedHost, json);
        Assert.DoesNotContain(ForgedHost, xml);
    }

    [Fact]
    public async Task With_a_configured_public_URL_discovery_names_it_whatever_the_Host_header()
    {
        await using var app = new GatewayApplication().With("Gateway:PublicBaseUrl", "https://gw.example.ma/");

        var json = await DiscoveryAsync(app, "json");
        var xml = await DiscoveryAsync(app, "xml");

        Assert.Equal("https://gw.example.ma/open311/v2", JsonUrl(json));
        Assert.Equal("https://gw.example.ma/open311/v2", XmlUrl(xml));
        Assert.DoesNotContain(ForgedHost, json + xml);
    }
}
