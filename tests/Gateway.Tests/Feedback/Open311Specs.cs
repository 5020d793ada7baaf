using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Gateway.Contacts;
using Microsoft.Extensions.DependencyInjection;
using Gateway.Conversations;

namespace Gateway.Tests.Feedback;

/// <summary>Open311 GeoReport v2 over the desk, field by field against the spec (https://wiki.open311.org/GeoReport_v2), in JSON and XML.</summary>
public sealed class Open311Specs
{
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    [Fact]
    public async Task Discovery_and_services_follow_the_spec_in_JSON_and_XML()
    {
        await using var app = FeedbackHost.Create();
        var http = app.CreateClient();

        var discovery = await http.GetJsonAsync("/open311/v2/discovery.json");
        var endpoint = Assert.Single(discovery.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("production", endpoint.GetProperty("type").GetString());
        Assert.True(DateTimeOffset.TryParse(discovery.GetProperty("changeset").GetString(), out _));
        var discoveryXml = XDocument.Parse(await http.GetStringAsync("/open311/v2/discovery.xml"));
        Assert.Equal("discovery", discoveryXml.Root!.Name.LocalName);
        Assert.Equal(["text/xml", "application/json"], discoveryXml.Root.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value));

        var services = (await http.GetJsonAsync("/open311/v2/services.json?jurisdiction_id=casablanca&locale=ar")).EnumerateArray().ToList();
        Assert.Equal(["roads", "water", "lighting", "waste", "safety", "other"], services.Select(s => s.GetProperty("service_code").GetString()));
        var water = services[1];
        Assert.Equal(("الماء", false, "realtime"), (water.GetProperty("service_name").GetString(), water.GetProperty("metadata").GetBoolean(), water.GetProperty("type").GetString()));
        Assert.True(water.TryGetProperty("keywords", out _) && water.TryGetProperty("group", out _) && water.TryGetProperty("description", out _));
        var response = await http.GetAsync("/open311/v2/services.xml?locale=fr");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        var serviceXml = XDocument.Parse(xml).Root!.Elements("service").ElementAt(1);
        Assert.Equal(("water", "Eau", "false", "realtime"),
            (serviceXml.Element("service_code")!.Value, serviceXml.Element("service_name")!.Value, serviceXml.Element("metadata")!.Value, serviceXml.Element("type")!.Value));
    }

    [Fact]
    public async Task A_request_POSTed_with_the_api_key_appears_in_the_staff_list_and_reads_back_field_by_field()
    {
        await using var app = FeedbackHost.Create();
        var http = app.CreateClient();
        var post = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = FeedbackHost.CasablancaKey,
            ["jurisdiction_id"] = "casablanca",
            ["service_code"] = "lighting",
            ["description"] = "Lampadaire éteint devant l'école",
            ["address_string"] = "Rue 12, Hay Hassani",
            ["first_name"] = "Amina",
            ["phone"] = "+212600000099",
            ["email"] = "amina@example.org",
        }));
        var created = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        var id = Assert.Single(created.EnumerateArray()).GetProperty("service_request_id").GetString()!;
        Assert.Matches(FeedbackHost.ReferencePattern(), id);

        // On the desk, like any report.
        var listed = Assert.Single((await app.Staff().GetJsonAsync("/api/feedback?channel=open311")).Items());
        Assert.Equal((id, "lighting", "complaint", "Rue 12, Hay Hassani", "fr", "new"),
            (listed.GetProperty("reference").GetString(), listed.GetProperty("category").GetString(), listed.GetProperty("kind").GetString(),
             listed.GetProperty("place").GetString(), listed.GetProperty("language").GetString(), listed.GetProperty("status").GetString()));
        var raw = listed.GetRawText();
        Assert.DoesNotContain("Amina", raw);
        Assert.DoesNotContain("600000099", raw);
        Assert.DoesNotContain("example.org", raw);

        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{id}/status", new { status = "resolved", message = new { fr = "Lampe remplacée." } });

        var json = Assert.Single((await http.GetJsonAsync($"/open311/v2/requests/{id}.json?api_key={FeedbackHost.CasablancaKey}")).EnumerateArray());
        Assert.Equal(RequestFields, json.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, "closed", "resolved: Lampe remplacée.", "Éclairage", "lighting", "Lampadaire éteint devant l'école", "Casablanca", "Rue 12, Hay Hassani"),
            (json.GetProperty("service_request_id").GetString(), json.GetProperty("status").GetString(), json.GetProperty("status_notes").GetString(),
             json.GetProperty("service_name").GetString(), json.GetProperty("service_code").GetString(), json.GetProperty("description").GetString(),
             json.GetProperty("agency_responsible").GetString(), json.GetProperty("address").GetString()));
        var requested = json.GetProperty("requested_datetime").GetDateTimeOffset();
        Assert.Equal(app.Clock.GetUtcNow(), requested);
        Assert.Equal(requested.AddDays(60), json.GetProperty("expected_datetime").GetDateTimeOffset());

        var xml = XDocument.Parse(await http.GetStringAsync($"/open311/v2/requests/{id}.xml?api_key={FeedbackHost.CasablancaKey}"));
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        var request = Assert.Single(xml.Root.Elements("request"));
        Assert.Equal(RequestFields, request.Elements().Select(e => e.Name.LocalName));
        foreach (var field in RequestFields)
        {
            var expected = json.GetProperty(field);
            var actual = request.Element(field)!.Value;
            if (expected.ValueKind == JsonValueKind.Null) Assert.Equal("", actual);
            else if (field.EndsWith("_datetime")) Assert.Equal(expected.GetDateTimeOffset(), DateTimeOffset.Parse(actual));
            else Assert.Equal(expected.ToString(), actual);
        }
    }

    [Fact]
    public async Task Requests_are_listed_with_the_spec_filters_scoped_to_the_key_without_any_phone_or_contact_id()
    {
        await using var app = FeedbackHost.Create();
        var water = await app.FileFrenchAsync("+212661000401");
        app.Clock.Advance(TimeSpan.FromDays(1));
        var roads = await app.FileAsync("+212661000402", "sms", "AVIS", "Casablanca", "Routes", "Trou dans la chaussée", "Passer");
        await app.Staff().SendJsonAsync(HttpMethod.Post, $"/api/feedback/{roads}/status", new { status = "rejected" });
        var http = app.CreateClient();
        var key = "api_key=" + FeedbackHost.CasablancaKey;

        async Task<string[]> Ids(string query) =>
            [.. (await http.GetJsonAsync("/open311/v2/requests.json?" + key + query)).EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];
        Assert.Equal([roads, water], await Ids(""));
        Assert.Equal([water], await Ids("&status=open"));
        Assert.Equal([roads], await Ids("&status=closed"));
        Assert.Equal([water], await Ids("&service_code=water"));
        Assert.Equal([roads, water], await Ids("&service_code=water,roads"));
        Assert.Equal([roads], await Ids("&start_date=" + Uri.EscapeDataString(app.Clock.GetUtcNow().AddHours(-1).ToString("O"))));
        Assert.Equal([water], await Ids("&end_date=" + Uri.EscapeDataString(app.Clock.GetUtcNow().AddHours(-1).ToString("O"))));
        Assert.Equal([water, roads], await Ids($"&service_request_id={water},{roads}"));
        Assert.Equal([roads, water], await Ids("&jurisdiction_id=casablanca"));

        var all = await http.GetStringAsync("/open311/v2/requests.xml?" + key);
        var contactId = app.Services.GetRequiredService<ContactIds>().For("+212661000401");
        Assert.DoesNotContain(contactId, all);
        Assert.DoesNotContain("661000401", all);
        Assert.DoesNotContain(contactId, await http.GetStringAsync("/open311/v2/requests.json?" + key));

        // Without a key, with another commune's key, or a bad filter: the spec's error list.
        var anonymous = await http.GetAsync("/open311/v2/requests.json");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(401, JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/open311/v2/requests/{water}.json?api_key={FeedbackHost.SettatKey}")).StatusCode);
        Assert.Empty((await http.GetJsonAsync($"/open311/v2/requests.json?api_key={FeedbackHost.SettatKey}")).EnumerateArray());
        var bad = await http.GetAsync("/open311/v2/requests.xml?status=pending&" + key);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = XDocument.Parse(await bad.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(("errors", "400"), (error.Name.LocalName, error.Element("error")!.Element("code")!.Value));
        var noLocation = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = FeedbackHost.CasablancaKey, ["service_code"] = "water", ["description"] = "Fuite d'eau",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, noLocation.StatusCode);
        Assert.Contains("location", await noLocation.Content.ReadAsStringAsync());
    }
}
