using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Simulator;

/// <summary>
/// The simulator speaks as any phone number: open where people develop and test, behind an admin key in production
/// (else anyone reaching the gateway could vote, send STOP or file feedback in a citizen's name).
/// </summary>
public sealed class SimulatorAccessSpecs
{
    private const string Key = "simulator-spec-key-0123456789";
    private static readonly object Avis = new { from = "+212612345670", channel = "sms", text = "AVIS" };

    private const string ProductionKey = "simulator-spec-production-key-0123456789";

    /// <summary>Production with the settings it requires to start (Trust/ProductionStartSpecs), the admin key as its hash.</summary>
    private static GatewayApplication Production() =>
        Trust.ProductionStartSpecs.SafeProduction()
            .With("Admin:ApiKeys:1:Hash", Gateway.Admin.AdminKeys.HashText(ProductionKey))
            .With("Admin:ApiKeys:1:Name", "simulator");

    [Fact]
    public async Task In_production_the_simulator_refuses_a_caller_without_an_admin_key()
    {
        await using var app = Production();
        var http = app.CreateClient();

        var post = await http.PostAsJsonAsync("/api/simulator/messages", Avis);
        var mailbox = await http.GetAsync("/api/simulator/messages?to=%2B212612345670");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Contains("X-Api-Key", await post.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, mailbox.StatusCode);
    }

    [Fact]
    public async Task In_production_an_admin_key_opens_the_simulator()
    {
        await using var app = Production();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", ProductionKey);

        var post = await http.PostAsJsonAsync("/api/simulator/messages", Avis);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("\"conversationOpen\":true", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Simulator_Open_cannot_open_it_in_production_the_gateway_refuses_to_start()
    {
        await using var app = Production().With("Simulator:Open", "true");

        var refusal = Record.Exception(() => app.CreateClient());

        Assert.Contains("Simulator:Open is true", refusal?.ToString());
    }

    [Fact]
    public async Task Simulator_Open_false_closes_it_where_it_is_open_by_default()
    {
        await using var app = new GatewayApplication().With("Admin:ApiKeys:0:Key", Key).With("Simulator:Open", "false");
        var post = await app.CreateClient().PostAsJsonAsync("/api/simulator/messages", Avis);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task In_testing_the_simulator_is_open()
    {
        await using var app = new GatewayApplication();
        var post = await app.CreateClient().PostAsJsonAsync("/api/simulator/messages", Avis);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }
}
