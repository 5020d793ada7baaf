using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Contracts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Conversations;

/// <summary>Law 09-08: a citizen's data can be read and erased at once; a commune sees only its own contacts.</summary>
public sealed class ContactRightsSpecs
{
    private const string Programme = "programme-key-0123456789abcdef";
    private const string Oujda = "oujda-key-0123456789abcdef";

    private static GatewayApplication App() => new GatewayApplication()
        .With("Admin:ApiKeys:0:Key", Programme).With("Admin:ApiKeys:0:Name", "programme")
        .With("Admin:ApiKeys:1:Key", Oujda).With("Admin:ApiKeys:1:Name", "oujda").With("Admin:ApiKeys:1:Commune", "oujda");

    [Fact]
    public async Task Erasure_removes_everything_and_is_announced_and_the_contact_starts_afresh()
    {
        await using var app = App();
        var phone = new SimulatorPhone(app.CreateClient(), from: "+212666000001");
        await phone.SayAsync("ABONNER", "Tanger", "1");
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", Programme);

        var seen = await admin.GetFromJsonAsync<JsonElement>("/api/contacts/0666000001");
        Assert.Equal(("tanger", "meetings"), (seen.GetProperty("commune").GetString(), seen.GetProperty("topics")[0].GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/contacts/%2B212666000001")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/contacts/0666000001")).StatusCode);
        var erased = Assert.Single(await app.EventsAsync<ContactErased>());
        Assert.Equal(seen.GetProperty("contactId").GetString(), erased.ContactId);
        Assert.Contains("Bienvenue", (await phone.SendAsync("Bonjour")).Text);
    }

    [Fact]
    public async Task A_commune_key_sees_its_own_contacts_only_and_no_key_is_refused()
    {
        await using var app = App();
        await new SimulatorPhone(app.CreateClient(), from: "+212666000002").SayAsync("ABONNER", "Nador", "1");
        var oujda = app.CreateClient();
        oujda.DefaultRequestHeaders.Add("X-Api-Key", Oujda);

        Assert.Equal(HttpStatusCode.NotFound, (await oujda.GetAsync("/api/contacts/0666000002")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oujda.DeleteAsync("/api/contacts/0666000002")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/contacts/0666000002")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await oujda.GetAsync("/api/contacts/not-a-number")).StatusCode);
    }
}
